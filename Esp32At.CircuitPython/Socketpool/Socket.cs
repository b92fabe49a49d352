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
        /// <c>setsockopt(level, optname, value)</c>: <see cref="SocketPool.TCP_NODELAY"/> goes to the ESP
        /// (<c>AT+CIPTCPOPT</c>) once connected; <see cref="SocketPool.SO_REUSEADDR"/> and
        /// <see cref="SocketPool.IP_MULTICAST_TTL"/> are accepted and ignored; others are OSError ENOPROTOOPT.
        /// </summary>
        public void SetSockOpt(int level, int optname, int value)
        {
            lock (Sync)
            {
                CheckUsable();
                if (level == SocketPool.IPPROTO_TCP && optname == SocketPool.TCP_NODELAY)
                {
                    NoDelay = value != 0;
                    if (LinkId >= 0 && type == SocketPool.SOCK_STREAM) ApplyTcpOptions();
                    return;
                }
                if (level == SocketPool.SOL_SOCKET && optname == SocketPool.SO_REUSEADDR) return;
                if (level == SocketPool.IPPROTO_IP && optname == SocketPool.IP_MULTICAST_TTL) return;
                throw new OSError(Errno.ENOPROTOOPT, "option " + level + "/" + optname + " is not available over ESP-AT");
            }
        }

        /// <summary>
        /// <c>connect((host, port))</c>: opens the link on the ESP (TCP, UDP, or TLS for a socket made by
        /// <see cref="SslContext.WrapSocket"/>); <paramref name="host"/> is a name or IPv4 literal, resolved by the ESP.
        /// A positive timeout bounds the connect; otherwise it waits up to 20 s.
        /// </summary>
        /// <exception cref="OSError">ECONNREFUSED (the ESP could not connect), ETIMEDOUT, ECONNABORTED (TLS handshake
        /// failed: certificate not trusted or wrong name), EMFILE (all links in use), EISCONN.</exception>
        public void Connect(string host, int port)
        {
            if (host == null) throw new ArgumentNullException("host");
            lock (Sync)
            {
                CheckUsable();
                if (LinkId >= 0 || Listening || Eof) throw new OSError(Errno.EISCONN, "the socket is already connected");
                RemoteHost = host;
                RemotePort = port;
                OpenLink(host, port);
            }
        }

        /// <summary>Connects to <paramref name="address"/> (e.g. a getaddrinfo result).</summary>
        public void Connect(SocketEndpoint address)
        {
            if (address == null) throw new ArgumentNullException("address");
            Connect(address.Ip, address.Port);
        }

        /// <summary>
        /// <c>send(bytes)</c>: sends all of <paramref name="data"/> (the ESP takes it in firmware-sized chunks) and
        /// returns its length.
        /// </summary>
        public int Send(byte[] data)
        {
            if (data == null) throw new ArgumentNullException("data");
            return Send(data, 0, data.Length);
        }

        /// <summary>Sends <paramref name="count"/> bytes of <paramref name="data"/> from <paramref name="offset"/>; returns <paramref name="count"/>.</summary>
        /// <exception cref="OSError">ENOTCONN, EPIPE (the peer closed), ECONNRESET (SEND FAIL or the ESP rebooted).</exception>
        public int Send(byte[] data, int offset, int count)
        {
            if (data == null) throw new ArgumentNullException("data");
            if (offset < 0 || count < 0 || offset > data.Length || count > data.Length - offset)
                throw new ArgumentOutOfRangeException("count", "offset/count outside the buffer");
            int link = ConnectedLink("send");
            if (count == 0) return 0;
            try
            {
                Resources.Table.Send(link, data, offset, count);
            }
            catch (Exception e)
            {
                throw SendFailure(link, e);
            }
            lock (Sync) Used = true;
            return count;
        }

        /// <summary><c>sendall(bytes)</c>: sends every byte of <paramref name="data"/>, however large.</summary>
        public void SendAll(byte[] data)
        {
            Send(data);
        }

        /// <summary>Sends every byte of the given range.</summary>
        public void SendAll(byte[] data, int offset, int count)
        {
            Send(data, offset, count);
        }

        /// <summary>
        /// <c>recv_into(buffer, nbytes)</c>: reads up to <paramref name="nbytes"/> (0: the buffer's length) bytes and
        /// returns the count; 0 means the peer closed and everything was read (end of stream).
        /// </summary>
        /// <exception cref="OSError">EAGAIN (timeout 0, nothing there), ETIMEDOUT (timeout ran out), ENOTCONN, ECONNRESET, EBADF.</exception>
        public int RecvInto(byte[] buffer, int nbytes = 0)
        {
            if (buffer == null) throw new ArgumentNullException("buffer");
            if (nbytes < 0 || nbytes > buffer.Length) throw new ArgumentOutOfRangeException("nbytes", "bufsize must be 0 to len(buffer)");
            if (nbytes == 0) nbytes = buffer.Length;
            return ReceiveInto(buffer, 0, nbytes);
        }

        /// <summary><c>recv(bufsize)</c>: up to <paramref name="bufsize"/> bytes as a new array (empty at end of stream).</summary>
        public byte[] Recv(int bufsize)
        {
            if (bufsize < 0) throw new ArgumentOutOfRangeException("bufsize", "negative buffersize in recv");
            var buffer = new byte[bufsize];
            int n = bufsize == 0 ? 0 : ReceiveInto(buffer, 0, bufsize);
            if (n == bufsize) return buffer;
            var result = new byte[n];
            Array.Copy(buffer, result, n);
            return result;
        }

        /// <summary>
        /// <c>close()</c>: closes the link (<c>AT+CIPCLOSE</c>) or stops the server; unread data is dropped. Idempotent.
        /// </summary>
        public void Close()
        {
            int link;
            bool listening;
            lock (Sync)
            {
                if (Closed) return;
                Closed = true;
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

        /// <summary>Opens the link for connect (callers hold Sync).</summary>
        internal void OpenLink(string host, int port)
        {
            int timeoutMs = TimeoutMs > 0 ? TimeoutMs : DefaultConnectTimeoutMs;
            if (port < 1 || port > 65535) throw new OSError(Errno.EINVAL, "port must be 1 to 65535");
            var table = Resources.Table;
            try
            {
                if (type == SocketPool.SOCK_DGRAM) LinkId = table.OpenUdp(host, port, BoundPort, timeoutMs);
                else if (Tls != null) LinkId = Tls.Open(this, host, port, timeoutMs);
                else LinkId = table.OpenTcp(host, port, timeoutMs);
            }
            catch (OSError)
            {
                throw;
            }
            catch (Exception e)
            {
                if (Tls != null && e is AtCommandException && !(e is AtTimeoutException) && !(e is AtBusyException) && !(e is AtRebootedException))
                    throw new OSError(Errno.ECONNABORTED, "TLS connection to " + host + ":" + port +
                        " failed (the server's certificate did not verify against the CA, the name did not match, or the handshake failed): " + e.Message, e);
                throw SocketErrors.From(e, Errno.ECONNREFUSED, "connect to " + host + ":" + port);
            }
            if (type == SocketPool.SOCK_STREAM) ApplyTcpOptions();
        }

        private void ApplyTcpOptions()
        {
            if (!NoDelay) return; // the ESP's default: Nagle on
            try
            {
                Resources.Table.SetTcpOptions(LinkId, true, 0);
            }
            catch (Exception e)
            {
                Resources.Note("CIPTCPOPT on link " + LinkId + ": " + e.Message); // an optimisation only
            }
        }

        /// <summary>The link to send on, or the OSError that says why there is none.</summary>
        private int ConnectedLink(string what)
        {
            lock (Sync)
            {
                CheckUsable();
                if (LinkId >= 0) return LinkId;
                if (Eof) throw new OSError(Errno.EPIPE, what + ": the peer closed the connection");
                throw new OSError(Errno.ENOTCONN, what + ": the socket is not connected");
            }
        }

        internal OSError SendFailure(int link, Exception e)
        {
            if (e is InvalidOperationException && !(e is OSError))
            {
                // The link is no longer open: the peer closed it (CLOSED), or Close ran on another thread.
                lock (Sync)
                {
                    if (Closed) return new OSError(Errno.EBADF, "send: the socket was closed", e);
                }
                if (Resources.Table.StateOf(link) == LinkState.RemoteClosed)
                    return new OSError(Errno.EPIPE, "send: the peer closed the connection", e);
                return new OSError(Errno.ENOTCONN, "send: " + e.Message, e);
            }
            return SocketErrors.From(e, Errno.ECONNRESET, "send on link " + link);
        }

        /// <summary>
        /// The receive loop under every recv call: honours the timeout, turns the end of stream into 0 and releases
        /// the link then (the table freed it), and sees a close from another thread within a slice.
        /// </summary>
        internal int ReceiveInto(byte[] buffer, int offset, int count)
        {
            int link;
            int timeoutMs;
            lock (Sync)
            {
                CheckUsable();
                if (Eof) return 0;
                if (Listening) throw new OSError(Errno.ENOTCONN, "recv on a listening socket: use Accept");
                if (LinkId < 0) throw new OSError(Errno.ENOTCONN, "recv: the socket is not connected");
                link = LinkId;
                timeoutMs = TimeoutMs;
            }
            if (count == 0) return 0;
            long deadline = timeoutMs < 0 ? long.MaxValue : DateTime.UtcNow.Ticks + (long)timeoutMs * TimeSpan.TicksPerMillisecond;
            while (true)
            {
                int wait = timeoutMs < 0 ? BlockSliceMs : SliceUntil(deadline);
                int n;
                try
                {
                    n = Resources.Table.Receive(link, buffer, offset, count, wait);
                }
                catch (AtTimeoutException e)
                {
                    lock (Sync)
                    {
                        if (Closed) throw new OSError(Errno.EBADF, "recv: the socket was closed", e);
                    }
                    if (timeoutMs == 0) throw new OSError(Errno.EAGAIN, "recv: no data yet (non-blocking socket)", e);
                    if (timeoutMs > 0 && DateTime.UtcNow.Ticks >= deadline) throw new OSError(Errno.ETIMEDOUT, "recv: no data within " + timeoutMs + " ms", e);
                    continue;
                }
                catch (InvalidOperationException e)
                {
                    lock (Sync)
                    {
                        if (Closed) throw new OSError(Errno.EBADF, "recv: the socket was closed", e);
                    }
                    throw new OSError(Errno.ENOTCONN, "recv: " + e.Message, e);
                }
                catch (Exception e)
                {
                    throw SocketErrors.From(e, Errno.ECONNRESET, "recv on link " + link);
                }
                lock (Sync)
                {
                    // CIPCLOSE from another thread makes the ESP report CLOSED, which reads as an end of stream here.
                    if (Closed) throw new OSError(Errno.EBADF, "recv: the socket was closed");
                    Used = true;
                    if (n == 0 && LinkId == link)
                    {
                        // The table freed the link at end of stream: forget its id before anyone else gets it.
                        Eof = true;
                        LinkId = -1;
                    }
                }
                return n;
            }
        }

        private static int SliceUntil(long deadline)
        {
            long left = (deadline - DateTime.UtcNow.Ticks) / TimeSpan.TicksPerMillisecond;
            if (left <= 0) return 0;
            return left > BlockSliceMs ? BlockSliceMs : (int)left;
        }
    }
}
