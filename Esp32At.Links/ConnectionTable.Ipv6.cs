using System;
using Esp32At.Engine;

namespace Esp32At.Links
{
    // IPv6 links (Esp32AtOptions.Ipv6 = true, AT+CIPV6=1): CIPSTART "TCPv6"/"UDPv6"/"SSLv6" and IPv6 senders.
    public sealed partial class ConnectionTable
    {
        /// <summary>
        /// Opens a TCP connection over IPv6 (<c>AT+CIPSTART=&lt;id&gt;,"TCPv6",…</c>) to an IPv6 literal or a name the
        /// ESP resolves to an IPv6 address. Needs <c>Esp32AtOptions.Ipv6</c> and an IPv6 address on the station (or
        /// soft-AP); the firmware answers ERROR otherwise.
        /// </summary>
        public int OpenTcp6(string host, int port, int timeoutMs = ConnectTimeoutMs)
        {
            CheckIpv6Endpoint(host, port);
            return Open(LinkKind.Tcp, true, host, port, 0, null, timeoutMs);
        }

        /// <summary>UDP over IPv6 (<c>"UDPv6"</c>); <paramref name="localPort"/> as in <see cref="OpenUdp"/>. An <c>FF..</c> multicast remote joins its group.</summary>
        public int OpenUdp6(string host, int port, int localPort = 0, int timeoutMs = ConnectTimeoutMs)
        {
            CheckIpv6Endpoint(host, port);
            if (localPort < 0 || localPort > 65535) throw new ArgumentOutOfRangeException("localPort", "local port must be 0 to 65535");
            return Open(LinkKind.Udp, true, host, port, localPort, null, timeoutMs);
        }

        /// <summary>TLS over IPv6 (<c>"SSLv6"</c>); <paramref name="tls"/> as in <see cref="OpenSsl"/>.</summary>
        public int OpenSsl6(string host, int port, TlsSettings tls, int timeoutMs = ConnectTimeoutMs)
        {
            CheckIpv6Endpoint(host, port);
            CheckTls(tls);
            return Open(LinkKind.Ssl, true, host, port, 0, tls, timeoutMs);
        }

        /// <summary>True when link <paramref name="linkId"/> was opened over IPv6 (<see cref="OpenTcp6"/> and the like).</summary>
        public bool IsIpv6(int linkId)
        {
            lock (gate) return Get(linkId).Ipv6;
        }

        /// <summary>
        /// When the last bytes received on the link came from an IPv6 sender: true, its 16 bytes in
        /// <paramref name="address"/> and its port in <paramref name="port"/>. False for an IPv4 or unknown sender
        /// (see <see cref="RemoteAddressOf"/>).
        /// </summary>
        public bool RemoteIpv6Of(int linkId, byte[] address, out int port)
        {
            if (address == null || address.Length < 16) throw new ArgumentException("need a 16-byte array", "address");
            lock (gate)
            {
                var link = Get(linkId);
                port = link.RemotePort;
                if (!link.RemoteIsIpv6) return false;
                Array.Copy(link.RemoteIpv6, address, 16);
                return true;
            }
        }

        /// <summary>
        /// The sender of the last bytes received on the link as text: lwIP's IPv6 form for an IPv6 sender, else dotted
        /// IPv4 (<c>0.0.0.0</c> when unknown); its port in <paramref name="port"/>.
        /// </summary>
        public string RemoteTextOf(int linkId, out int port)
        {
            lock (gate)
            {
                var link = Get(linkId);
                port = link.RemotePort;
                return link.RemoteIsIpv6 ? Ipv6.Format(link.RemoteIpv6) : Ipv4.Format(link.RemoteAddress);
            }
        }

        private static void CheckIpv6Endpoint(string host, int port)
        {
            CheckEndpoint(host, port);
            if (Ipv4.Parse(host) != null) throw new ArgumentException("an IPv4 literal needs an IPv4 link (OpenTcp/OpenUdp/OpenSsl)", "host");
        }
    }
}
