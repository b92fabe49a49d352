using System;
using Esp32At.Engine;

namespace Esp32At.CircuitPython
{
    // connect() and the options that go to the ESP once the link is open (setsockopt, AT+CIPTCPOPT).
    public partial class Socket
    {
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
                if (LinkId >= 0 || Pt != null || Listening || Eof) throw new OSError(Errno.EISCONN, "the socket is already connected");
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

        /// <summary>Opens the link for connect (callers hold Sync).</summary>
        internal void OpenLink(string host, int port)
        {
            int timeoutMs = TimeoutMs > 0 ? TimeoutMs : DefaultConnectTimeoutMs;
            if (port < 1 || port > 65535) throw new OSError(Errno.EINVAL, "port must be 1 to 65535");
            if (Resources.Passthrough.Policy != PassthroughState.Off)
            {
                OpenPassthrough(host, port, timeoutMs);
                return;
            }
            var table = Resources.Table;
            try
            {
                bool v6 = family == SocketPool.AF_INET6;
                if (type == SocketPool.SOCK_DGRAM) LinkId = v6 ? table.OpenUdp6(host, port, BoundPort, timeoutMs) : table.OpenUdp(host, port, BoundPort, timeoutMs);
                else if (Tls != null) LinkId = Tls.Open(this, host, port, timeoutMs);
                else LinkId = v6 ? table.OpenTcp6(host, port, timeoutMs) : table.OpenTcp(host, port, timeoutMs);
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
    }
}
