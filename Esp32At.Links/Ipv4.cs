using System;

namespace Esp32At.Links
{
    /// <summary>
    /// IPv4 addresses as the links layer holds them: a <see cref="uint"/> with the first octet in the low byte (the
    /// order of <c>System.Net.IPAddress(long)</c> and of the octets on the wire), the dotted text the ESP's commands
    /// take and its answers carry, and the four bytes <see cref="HostResolver"/> returns.
    /// </summary>
    public static class Ipv4
    {
        /// <summary>The dotted form, e.g. <c>192.168.4.2</c>, of <paramref name="address"/> (first octet in the low byte).</summary>
        public static string Format(uint address)
        {
            return (address & 0xFF) + "." + (address >> 8 & 0xFF) + "." + (address >> 16 & 0xFF) + "." + (address >> 24);
        }

        /// <summary>The address of four octets, first octet first.</summary>
        /// <exception cref="ArgumentException">Not exactly four bytes.</exception>
        public static uint FromBytes(byte[] octets)
        {
            if (octets == null) throw new ArgumentNullException("octets");
            if (octets.Length != 4) throw new ArgumentException("an IPv4 address is 4 bytes, not " + octets.Length, "octets");
            return (uint)(octets[0] | octets[1] << 8 | octets[2] << 16 | octets[3] << 24);
        }

        /// <summary>Four bytes of a dotted IPv4 literal (first octet first), or null when <paramref name="text"/> is not one.</summary>
        public static byte[] Parse(string text)
        {
            if (text == null) return null;
            var parts = text.Split('.');
            if (parts.Length != 4) return null;
            var bytes = new byte[4];
            for (int i = 0; i < 4; i++)
            {
                var p = parts[i];
                if (p.Length == 0 || p.Length > 3) return null;
                int v = 0;
                for (int k = 0; k < p.Length; k++)
                {
                    if (p[k] < '0' || p[k] > '9') return null;
                    v = v * 10 + (p[k] - '0');
                }
                if (v > 255) return null;
                bytes[i] = (byte)v;
            }
            return bytes;
        }

        /// <summary>Parses a dotted IPv4 literal into the links layer's form; false (and 0) when it is not one.</summary>
        public static bool TryParse(string text, out uint address)
        {
            var bytes = Parse(text);
            address = bytes == null ? 0 : FromBytes(bytes);
            return bytes != null;
        }
    }
}
