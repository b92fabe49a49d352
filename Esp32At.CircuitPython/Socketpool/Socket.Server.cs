using System;
using Esp32At.Links;

namespace Esp32At.CircuitPython
{
    // bind / listen / accept: the ESP's one server (AT+CIPSERVER).
    public partial class Socket
    {
        /// <summary>
        /// <c>bind((host, port))</c>: remembers the local port. A stream socket then listens there; a datagram socket
        /// receives there (its link opens at the first sendto, recvfrom_into or connect). The address part is ignored:
        /// the ESP has one.
        /// </summary>
        /// <exception cref="OSError">EINVAL: already bound, connected or listening; a port outside 0-65535.</exception>
        public void Bind(string host, int port)
        {
            if (port < 0 || port > 65535) throw new OSError(Errno.EINVAL, "port must be 0 to 65535");
            lock (Sync)
            {
                CheckUsable();
                if (BoundPort != 0 || LinkId >= 0 || Listening) throw new OSError(Errno.EINVAL, "the socket is already bound or connected");
                BoundPort = port;
            }
        }

        /// <summary>Binds to <paramref name="address"/>.</summary>
        public void Bind(SocketEndpoint address)
        {
            if (address == null) throw new ArgumentNullException("address");
            Bind(address.Ip, address.Port);
        }

        /// <summary>
        /// <c>listen(backlog)</c>: starts the ESP's server on the bound port (<c>AT+CIPSERVER</c>), TLS for a
        /// server-side SSL socket. Up to all five links can be clients at once: <paramref name="backlog"/> is not a
        /// connection limit (the ESP has no accept queue, it refuses clients when its links are used up).
        /// </summary>
        /// <exception cref="OSError">EINVAL (not bound, or a datagram socket), EADDRINUSE (the ESP's one server is taken).</exception>
        public void Listen(int backlog = 5)
        {
            lock (Sync)
            {
                CheckUsable();
                if (Listening) return;
                if (type != SocketPool.SOCK_STREAM) throw new OSError(Errno.EOPNOTSUPP, "listen needs a SOCK_STREAM socket");
                if (BoundPort == 0) throw new OSError(Errno.EINVAL, "bind to a port before listen (the ESP cannot choose one)");
                if (LinkId >= 0) throw new OSError(Errno.EISCONN, "the socket is connected");
                if (backlog < 0) backlog = 0;
                lock (Resources)
                {
                    if (Resources.Listener != null || Resources.Server.Port != 0)
                        throw new OSError(Errno.EADDRINUSE, "the ESP runs one server and it already listens on port " + Resources.Server.Port);
                    try
                    {
                        StartServer(BoundPort, Resources.Table.Count);
                    }
                    catch (Exception e)
                    {
                        throw SocketErrors.From(e, Errno.EADDRINUSE, "listen on port " + BoundPort);
                    }
                    Resources.Listener = this;
                }
                Listening = true;
            }
        }

        /// <summary><c>accept()</c>: the next client as a connected socket (blocking per the timeout).</summary>
        public Socket Accept()
        {
            SocketEndpoint ignored;
            return Accept(out ignored);
        }

        /// <summary>
        /// <c>accept()</c> → <c>(socket, (ip, port))</c>: waits per the timeout for a client the ESP accepted and
        /// returns it as a new blocking socket, with its address in <paramref name="address"/> (<c>AT+CIPSTATE?</c>).
        /// </summary>
        /// <exception cref="OSError">EAGAIN (timeout 0, nobody waiting), ETIMEDOUT, EINVAL (not listening), EBADF (closed meanwhile).</exception>
        public Socket Accept(out SocketEndpoint address)
        {
            int timeoutMs;
            lock (Sync)
            {
                CheckUsable();
                if (!Listening) throw new OSError(Errno.EINVAL, "accept needs a listening socket (bind, then listen)");
                timeoutMs = TimeoutMs;
            }
            var deadline = Deadline.After(timeoutMs);
            int link;
            while (true)
            {
                link = Resources.Table.Accept(deadline.Slice(BlockSliceMs));
                if (link >= 0) break;
                lock (Sync)
                {
                    if (Closed || !Listening) throw new OSError(Errno.EBADF, "accept: the socket was closed");
                }
                if (timeoutMs == 0) throw new OSError(Errno.EAGAIN, "accept: no client waiting (non-blocking socket)");
                if (deadline.Passed) throw new OSError(Errno.ETIMEDOUT, "accept: no client within " + timeoutMs + " ms");
            }
            var client = NewAccepted(link);
            string remote;
            int remotePort;
            int localPort;
            bool known = false;
            try
            {
                known = Resources.Table.QueryEndpointsText(link, out remote, out remotePort, out localPort);
            }
            catch (Exception e)
            {
                Resources.Note("CIPSTATE for accepted link " + link + ": " + e.Message);
                remote = null;
                remotePort = 0;
            }
            address = new SocketEndpoint(known ? remote : "0.0.0.0", known ? remotePort : 0);
            lock (client.Sync)
            {
                client.RemoteHost = address.Ip;
                client.RemotePort = address.Port;
            }
            return client;
        }

        /// <summary>The socket for an accepted link (an <see cref="SslSocket"/> when the server is TLS).</summary>
        internal virtual Socket NewAccepted(int link)
        {
            var client = new Socket(Resources, family, SocketPool.SOCK_STREAM, proto);
            client.LinkId = link;
            return client;
        }

        /// <summary>Whether listen starts a TLS server (an SSL socket wrapped with server_side).</summary>
        internal virtual bool IsServerSideTls { get { return false; } }

        /// <summary>Starts the ESP's server for listen (a plain TCP one here; a server-side SSL socket makes it TLS).</summary>
        internal virtual void StartServer(int port, int maxConnections)
        {
            Resources.Server.Start(port, maxConnections, false, 0, false, family == SocketPool.AF_INET6);
        }

        private void StopServer()
        {
            lock (Resources)
            {
                if (Resources.Listener != this) return;
                Resources.Listener = null;
                try
                {
                    Resources.Server.Stop();
                }
                catch (Exception e)
                {
                    Resources.Note("stopping the server: " + e.Message);
                }
            }
        }
    }
}
