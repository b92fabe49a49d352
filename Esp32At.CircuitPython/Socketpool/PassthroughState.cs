using System;

namespace Esp32At.CircuitPython
{
    /// <summary>
    /// The seed's passthrough policy (one per device, as its Transport singleton; in <see cref="PoolResources"/>) and
    /// the socket that holds the one passthrough link. Read by <see cref="Socket"/>, set through <see cref="Esp32AtModule"/>.
    /// </summary>
    internal sealed class PassthroughState
    {
        public const int Off = 0;
        public const int Auto = 1;
        public const int Manual = 2;

        private readonly object gate = new object();
        private int policy;
        private Socket owner;

        public int Policy
        {
            get { lock (gate) return policy; }
            set
            {
                if (value < Off || value > Manual) throw new ArgumentException("illegal passthrough policy mode", "value");
                lock (gate) policy = value;
            }
        }

        /// <summary>The socket whose connection is the passthrough link, or null.</summary>
        public Socket Owner
        {
            get { lock (gate) return owner; }
        }

        public bool Claim(Socket socket)
        {
            lock (gate)
            {
                if (owner != null && owner != socket) return false;
                owner = socket;
                return true;
            }
        }

        public void Release(Socket socket)
        {
            lock (gate)
            {
                if (owner == socket) owner = null;
            }
        }
    }
}
