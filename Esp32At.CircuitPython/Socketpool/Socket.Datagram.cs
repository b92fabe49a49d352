using System;
using Esp32At.Links;

namespace Esp32At.CircuitPython
{
    // sendto / recvfrom_into: UDP over one ESP link in "any sender" mode.
    public partial class Socket
    {
        // A bound receiver needs a remote for CIPSTART: in mode 2 the ESP replaces it with each sender (spec §2.3).
        private const string AnyRemote = "0.0.0.0";
        private const int DiscardPort = 9;

        /// <summary>
        /// <c>sendto(bytes, (host, port))</c>: one datagram to <paramref name="host"/>:<paramref name="port"/>
        /// (every call goes where it says, <c>AT+CIPSEND=id,len,"ip",port</c>); returns its length.
        /// </summary>
        /// <exception cref="OSError">EOPNOTSUPP (a stream socket), EMSGSIZE (more than the firmware sends at once), EMFILE.</exception>
        public int SendTo(byte[] data, string host, int port)
        {
            if (data == null) throw new ArgumentNullException("data");
            if (host == null) throw new ArgumentNullException("host");
            if (type != SocketPool.SOCK_DGRAM) throw new OSError(Errno.EOPNOTSUPP, "sendto needs a SOCK_DGRAM socket (use send)");
            if (port < 1 || port > 65535) throw new OSError(Errno.EINVAL, "port must be 1 to 65535");
            int max = Resources.Device.Capabilities.CipSendMax;
            if (data.Length == 0 || data.Length > max) throw new OSError(Errno.EMSGSIZE, "a datagram must be 1 to " + max + " bytes");
            string ip = Literal(host);
            int link;
            lock (Sync)
            {
                CheckUsable();
                if (LinkId < 0) OpenLink(ip, port);
                link = LinkId;
            }
            try
            {
                Resources.Table.SendTo(link, data, 0, data.Length, ip, port);
            }
            catch (Exception e)
            {
                throw SendFailure(link, e);
            }
            return data.Length;
        }

        /// <summary>Sends one datagram to <paramref name="address"/>.</summary>
        public int SendTo(byte[] data, SocketEndpoint address)
        {
            if (address == null) throw new ArgumentNullException("address");
            return SendTo(data, address.Ip, address.Port);
        }

        /// <summary>
        /// <c>recvfrom_into(buffer)</c> → <c>(n, (ip, port))</c>: receives into <paramref name="buffer"/> (per the
        /// timeout) and tells the sender. A bound socket with no link yet opens one that takes datagrams from anyone.
        /// </summary>
        public int RecvFromInto(byte[] buffer, out SocketEndpoint from)
        {
            if (buffer == null) throw new ArgumentNullException("buffer");
            lock (Sync)
            {
                CheckUsable();
                if (LinkId < 0 && !Eof)
                {
                    if (type != SocketPool.SOCK_DGRAM || BoundPort == 0) throw new OSError(Errno.ENOTCONN, "recvfrom_into: bind or connect first");
                    OpenLink(family == SocketPool.AF_INET6 ? "::" : AnyRemote, DiscardPort);
                }
            }
            int link = Link;
            int n = ReceiveInto(buffer, 0, buffer.Length);
            int port = 0;
            from = new SocketEndpoint(n > 0 && link >= 0 ? Resources.Table.RemoteTextOf(link, out port) : AnyRemote, port);
            return n;
        }

        private string Literal(string host)
        {
            try
            {
                return Resources.Resolver.ToLiteral(host, family == SocketPool.AF_INET6);
            }
            catch (Exception e)
            {
                throw new GaiError(host, e);
            }
        }
    }
}
