namespace Esp32At.CircuitPython
{
    /// <summary>What <see cref="SocketPool.Select"/> found ready: the core's <c>(readable, writable, exceptional)</c> lists.</summary>
    public sealed class SelectResult
    {
        internal SelectResult(Socket[] readable, Socket[] writable, Socket[] exceptional)
        {
            Readable = readable;
            Writable = writable;
            Exceptional = exceptional;
        }

        /// <summary>Sockets a read (or accept) would not block on: data, end of stream, a reset, or a waiting client.</summary>
        public Socket[] Readable { get; private set; }

        /// <summary>Sockets a send would not block on (connected).</summary>
        public Socket[] Writable { get; private set; }

        /// <summary>Sockets whose link was reset (the ESP rebooted or a send failed).</summary>
        public Socket[] Exceptional { get; private set; }

        /// <summary>Whether anything is ready.</summary>
        public bool Any { get { return Readable.Length + Writable.Length + Exceptional.Length > 0; } }
    }
}
