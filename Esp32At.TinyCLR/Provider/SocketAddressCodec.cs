using System.Net;
using System.Net.Sockets;

namespace Esp32At.TinyCLR.Provider
{
    /// <summary>
    /// TinyCLR's 16-byte IPv4 <see cref="SocketAddress"/>: [0..1] family, [2..3] port big-endian, [4..7] the octets in
    /// network order. Addresses are held as a uint with the first octet in the low byte (as <see cref="IPAddress(long)"/>).
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

        /// <summary>Decodes an IPv4 address; throws a SocketException for any other family or a short buffer.</summary>
        public static uint Decode(SocketAddress sa, out int port)
        {
            if (sa == null || sa.Family != AddressFamily.InterNetwork || sa.Size < 8) throw SocketErrors.Create(SocketError.AddressFamilyNotSupported);
            port = sa[2] << 8 | sa[3];
            return (uint)(sa[4] | sa[5] << 8 | sa[6] << 16 | sa[7] << 24);
        }
    }
}
