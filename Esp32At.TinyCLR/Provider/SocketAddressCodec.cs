using Esp32At.Engine;
using Esp32At.Links;
using System.Net;
using System.Net.Sockets;

namespace Esp32At.TinyCLR.Provider
{
    /// <summary>
    /// TinyCLR's 16-byte IPv4 <see cref="SocketAddress"/>: [0..1] family, [2..3] port big-endian, [4..7] the octets in
    /// network order. Addresses are held as a uint with the first octet in the low byte (as <see cref="IPAddress(long)"/>).
    /// IPv6: the 28-byte sockaddr_in6 layout ([0..1] family 23, [2..3] port big-endian, [4..7] flow info, [8..23] the
    /// address, [24..27] scope id) that <see cref="Ipv6EndPoint"/> writes (GHI's IPEndPoint has no IPv6 form).
    /// </summary>
    internal static class SocketAddressCodec
    {
        public static SocketAddress Encode(uint address, int port)
        {
            var sa = new SocketAddress(AddressFamily.InterNetwork, 16);
            sa[2] = (byte)(port >> 8);
            sa[3] = (byte)port;
            sa[4] = (byte)address;
            sa[5] = (byte)(address >> 8);
            sa[6] = (byte)(address >> 16);
            sa[7] = (byte)(address >> 24);
            return sa;
        }

        /// <summary>A 28-byte IPv6 socket address of <paramref name="address"/> (16 bytes) and <paramref name="port"/>.</summary>
        public static SocketAddress Encode6(byte[] address, int port)
        {
            var sa = new SocketAddress(AddressFamily.InterNetworkV6, Ipv6EndPoint.Size);
            sa[2] = (byte)(port >> 8);
            sa[3] = (byte)port;
            for (int i = 0; i < 16; i++) sa[8 + i] = address[i];
            return sa;
        }

        /// <summary>
        /// The peer of <paramref name="sa"/> as address text for the ESP (dotted IPv4, or lwIP's IPv6 form into
        /// <paramref name="ipv6"/> too): the family must be the socket's (<paramref name="socketIpv6"/>).
        /// </summary>
        public static string DecodeText(SocketAddress sa, bool socketIpv6, byte[] ipv6, out int port)
        {
            if (!socketIpv6) return Ipv4.Format(Decode(sa, out port));
            if (sa == null || sa.Family != AddressFamily.InterNetworkV6 || sa.Size < 24) throw SocketErrors.Create(SocketError.AddressFamilyNotSupported);
            port = sa[2] << 8 | sa[3];
            for (int i = 0; i < 16; i++) ipv6[i] = sa[8 + i];
            return Ipv6.Format(ipv6);
        }

        /// <summary>Decodes an IPv4 address; throws a SocketException for any other family or a short buffer.</summary>
        public static uint Decode(SocketAddress sa, out int port)
        {
            if (sa == null || sa.Family != AddressFamily.InterNetwork || sa.Size < 8) throw SocketErrors.Create(SocketError.AddressFamilyNotSupported);
            port = sa[2] << 8 | sa[3];
            return (uint)(sa[4] | sa[5] << 8 | sa[6] << 16 | sa[7] << 24);
        }
    }
}
