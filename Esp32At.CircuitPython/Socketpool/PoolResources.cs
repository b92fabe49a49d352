using System;
using System.Collections;
using Esp32At.Device;
using Esp32At.Engine;
using Esp32At.Links;

namespace Esp32At.CircuitPython
{
    /// <summary>
    /// What every <see cref="SocketPool"/> of one device shares (the core's pool is a singleton per radio): the one
    /// connection table (it owns the link URCs), the one server, and the resolver (the table's certificate store knows which certificates are on the ESP).
    /// </summary>
    internal sealed class PoolResources
    {
        private static readonly Hashtable byDevice = new Hashtable();

        private PoolResources(Esp32AtDevice device)
        {
            Device = device;
            Table = new ConnectionTable(device);
            Server = new LinkServer(Table);
            Resolver = new HostResolver(device);
        }

        public readonly Esp32AtDevice Device;
        public readonly ConnectionTable Table;
        public readonly LinkServer Server;
        public readonly HostResolver Resolver;

        /// <summary>The passthrough policy and the socket holding the passthrough link.</summary>
        public readonly PassthroughState Passthrough = new PassthroughState();

        /// <summary>The socket that listens (the ESP has one server), or null.</summary>
        public Socket Listener;

        /// <summary>The shared resources of <paramref name="device"/>, made on first use.</summary>
        public static PoolResources For(Esp32AtDevice device)
        {
            if (device == null) throw new ArgumentNullException("device");
            if (device.Capabilities == null) throw new InvalidOperationException("initialise the device (Wifi.Init) before creating a SocketPool");
            lock (byDevice)
            {
                var r = (PoolResources)byDevice[device];
                if (r == null)
                {
                    r = new PoolResources(device);
                    byDevice[device] = r;
                }
                return r;
            }
        }

        /// <summary>Notes (once per device) in the AT trace that a TLS connection does not authenticate its peer.</summary>
        public void WarnUnverified(string host)
        {
            Table.NoteUnverifiedTls("TLS server verification is OFF (VerifyMode = CERT_NONE) for " + host + " and later connections: the peer is not authenticated");
        }

        /// <summary>A note in the device's AT trace, if one is attached.</summary>
        public void Note(string text)
        {
            IAtTraceSink trace = Device.Executor.Trace;
            if (trace != null) trace.Trace("--", "socketpool: " + text);
        }
    }
}
