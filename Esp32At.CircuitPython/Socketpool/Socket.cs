using System;
using Esp32At.Engine;
using Esp32At.Links;

namespace Esp32At.CircuitPython
{
    /// <summary>
    /// <c>socketpool.Socket</c>: a TCP or UDP socket whose connection is an ESP-AT link. Blocking by default (timeout
    /// <see cref="None"/>), as in the core. Failures are <see cref="OSError"/>s with an errno. Not meant for use from
    /// several threads at once, except <see cref="Close"/>, which ends a blocked call on another thread (EBADF).
    /// </summary>
    public partial class Socket : IDisposable
    {
        /// <summary>The timeout value meaning "block" (Python's <c>None</c>), for <see cref="SetTimeout"/> and <see cref="Timeout"/>.</summary>
        public const double None = -1;

        /// <summary>Longest single wait of a blocking call, so a close from another thread is seen.</summary>
        private const int BlockSliceMs = 500;
        private const int DefaultConnectTimeoutMs = 20000;

        internal readonly PoolResources Resources;
        internal readonly object Sync = new object();
        private readonly int family;
        private readonly int type;
        private readonly int proto;

        // State, guarded by Sync. The link id is only ever released by this socket (Close, or end of stream seen by
        // Receive), so a stale id can never reach a link another socket got since.
        internal int LinkId = -1;
        internal bool Eof;
        internal bool Closed;
        internal bool Detached;
        internal bool Listening;
        internal bool Used;
        internal int BoundPort;
        internal string RemoteHost;
        internal int RemotePort;
        internal int TimeoutMs = -1;
        internal bool NoDelay;
        /// <summary>Set by <see cref="SslContext.WrapSocket"/>: connect opens a TLS link (the ESP does TLS).</summary>
        internal SslContext Tls;
        internal string TlsServerName;

        internal Socket(PoolResources resources, int family, int type, int proto)
        {
            Resources = resources;
            this.family = family;
            this.type = type;
            this.proto = proto;
        }

        /// <summary>Takes over <paramref name="from"/>'s state; <paramref name="from"/> is detached (as CPython's wrap_socket does).</summary>
        internal Socket(Socket from) : this(from.Resources, from.family, from.type, from.proto)
        {
            lock (from.Sync)
            {
                from.CheckUsable();
                LinkId = from.LinkId;
                Eof = from.Eof;
                Listening = from.Listening;
                Used = from.Used;
                BoundPort = from.BoundPort;
                RemoteHost = from.RemoteHost;
                RemotePort = from.RemotePort;
                TimeoutMs = from.TimeoutMs;
                NoDelay = from.NoDelay;
                from.LinkId = -1;
                from.Listening = false;
                from.Detached = true;
            }
            lock (Resources)
            {
                if (Resources.Listener == from) Resources.Listener = this;
            }
        }

        /// <summary>The address family (<see cref="SocketPool.AF_INET"/>).</summary>
        public int Family { get { return family; } }

        /// <summary>The socket type (<see cref="SocketPool.SOCK_STREAM"/> or <see cref="SocketPool.SOCK_DGRAM"/>).</summary>
        public int Type { get { return type; } }

        /// <summary>The protocol given to socket().</summary>
        public int Proto { get { return proto; } }

        /// <summary>The timeout in seconds, or <see cref="None"/> when blocking (0: non-blocking).</summary>
        public double Timeout
        {
            get
            {
                lock (Sync) return TimeoutMs < 0 ? None : TimeoutMs / 1000.0;
            }
        }

        /// <summary>The ESP-AT link id behind the socket, or -1 (not connected, closed, or end of stream read).</summary>
        public int Link
        {
            get { lock (Sync) return LinkId; }
        }

        /// <summary>
        /// <c>settimeout(value)</c>: <see cref="None"/> blocks (the default), 0 makes calls non-blocking (OSError
        /// EAGAIN when nothing is ready), a positive number of seconds bounds each call (OSError ETIMEDOUT).
        /// </summary>
        /// <exception cref="ArgumentOutOfRangeException">Negative (other than <see cref="None"/>); the core's ValueError.</exception>
        public void SetTimeout(double seconds)
        {
            int ms;
            if (seconds == None) ms = -1;
            else if (seconds < 0 || double.IsNaN(seconds)) throw new ArgumentOutOfRangeException("seconds", "Timeout value out of range");
            else if (seconds * 1000 >= int.MaxValue) ms = -1;
            else
            {
                ms = (int)(seconds * 1000);
                if (ms == 0 && seconds > 0) ms = 1;
            }
            lock (Sync) TimeoutMs = ms;
        }

        /// <summary><c>setblocking(flag)</c>: true = <c>settimeout(None)</c>, false = <c>settimeout(0)</c>.</summary>
        public void SetBlocking(bool flag)
        {
            SetTimeout(flag ? None : 0);
        }

        /// <summary>
        /// <c>close()</c>: closes the link (<c>AT+CIPCLOSE</c>) or stops the server; unread data is dropped. Idempotent.
        /// </summary>
        public void Close()
        {
            int link;
            bool listening;
            PassthroughLink pt;
            lock (Sync)
            {
                if (Closed) return;
                Closed = true;
                pt = Pt;
                Pt = null;
                link = LinkId;
                listening = Listening;
                LinkId = -1;
                Listening = false;
            }
            if (link >= 0)
            {
                try
                {
                    Resources.Table.Close(link);
                }
                catch (Exception e)
                {
                    Resources.Note("close of link " + link + ": " + e.Message); // the socket is closed either way
                }
            }
            if (listening) StopServer();
            if (pt != null) ClosePassthrough(pt);
        }

        /// <summary>Closes the socket (the core's context manager exit).</summary>
        public void Dispose()
        {
            Close();
        }

        // ---- helpers ----

        /// <summary>Throws EBADF when closed or detached (callers hold Sync).</summary>
        internal void CheckUsable()
        {
            if (Detached) throw new OSError(Errno.EBADF, "the socket was wrapped by SslContext.WrapSocket: use the SSL socket");
            if (Closed) throw new OSError(Errno.EBADF, "the socket is closed");
        }
    }
}
