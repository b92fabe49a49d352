using System;

namespace Esp32At.Engine
{
    /// <summary>
    /// IPv6 addresses as 16 bytes (network order) and their text, without the System.Net helpers TinyCLR lacks.
    /// <see cref="Format"/> writes lwIP's form (<c>ip6addr_ntoa</c>: upper-case hex, no leading zeros, the first run of
    /// two or more zero groups as <c>::</c>), which is what ESP-AT prints and what CircuitPython's
    /// <c>wifi.radio.addresses</c> shows; <see cref="Parse(string)"/> takes any RFC 4291 text form (either case, <c>::</c>
    /// anywhere, a dotted IPv4 tail), as lwIP's <c>ip6addr_aton</c> does.
    /// </summary>
    public static class Ipv6
    {
        /// <summary>The 16 bytes of an IPv6 literal, or null when <paramref name="text"/> is not one.</summary>
        public static byte[] Parse(string text)
        {
            if (text == null || text.Length < 2 || text.Length > 45) return null;
            var ascii = new byte[text.Length];
            for (int i = 0; i < text.Length; i++)
            {
                if (text[i] > 127) return null;
                ascii[i] = (byte)text[i];
            }
            var address = new byte[16];
            return Parse(ascii, 0, ascii.Length, address) ? address : null;
        }

        /// <summary>True when <paramref name="text"/> is an IPv6 literal (it has a colon and parses).</summary>
        public static bool IsLiteral(string text)
        {
            return text != null && text.IndexOf(':') >= 0 && Parse(text) != null;
        }

        /// <summary>
        /// Parses the ASCII text <paramref name="text"/>[<paramref name="start"/>..<paramref name="end"/>) into
        /// <paramref name="address"/> (16 bytes) without allocating; false (and <paramref name="address"/> undefined)
        /// when it is not an IPv6 literal.
        /// </summary>
        public static bool Parse(byte[] text, int start, int end, byte[] address)
        {
            int groups = 0;   // 16-bit groups written so far
            int gap = -1;     // group index where "::" stands
            int i = start;
            if (end - start >= 2 && text[i] == ':' && text[i + 1] == ':') { gap = 0; i += 2; }
            else if (i < end && text[i] == ':') return false;
            while (i < end)
            {
                if (groups == 8) return false;
                int value = 0;
                int digits = 0;
                int groupStart = i;
                while (i < end && digits < 5)
                {
                    int h = HexValue(text[i]);
                    if (h < 0) break;
                    value = value << 4 | h;
                    digits++;
                    i++;
                }
                if (i < end && text[i] == '.')
                {
                    // a dotted IPv4 tail fills the last two groups
                    if (groups > 6 || !ParseDottedTail(text, groupStart, end, address, groups * 2)) return false;
                    groups += 2;
                    i = end;
                    break;
                }
                if (digits == 0 || digits > 4) return false;
                address[groups * 2] = (byte)(value >> 8);
                address[groups * 2 + 1] = (byte)value;
                groups++;
                if (i == end) break;
                if (text[i] != ':') return false;
                i++;
                if (i < end && text[i] == ':')
                {
                    if (gap >= 0) return false;
                    gap = groups;
                    i++;
                }
                else if (i == end) return false; // a trailing single ':'
            }
            if (gap < 0) return groups == 8;
            if (groups == 8) return false; // "::" must stand for at least one group
            int move = groups - gap;
            int zeros = 8 - groups;
            for (int k = move - 1; k >= 0; k--)
            {
                address[(gap + zeros + k) * 2] = address[(gap + k) * 2];
                address[(gap + zeros + k) * 2 + 1] = address[(gap + k) * 2 + 1];
            }
            for (int k = 0; k < zeros; k++)
            {
                address[(gap + k) * 2] = 0;
                address[(gap + k) * 2 + 1] = 0;
            }
            return true;
        }

        /// <summary>lwIP's text form of 16 bytes, e.g. <c>FE80::7EDF:A1FF:FE00:518C</c>.</summary>
        /// <exception cref="ArgumentException">Not exactly 16 bytes.</exception>
        public static string Format(byte[] address)
        {
            if (address == null) throw new ArgumentNullException("address");
            if (address.Length != 16) throw new ArgumentException("an IPv6 address is 16 bytes, not " + address.Length, "address");
            var chars = new char[39];
            int n = 0;
            int run = 0; // lwIP's empty_block_flag: 0 no "::" yet, 1 inside it, 2 after it
            for (int g = 0; g < 8; g++)
            {
                int value = address[g * 2] << 8 | address[g * 2 + 1];
                if (value == 0)
                {
                    if (g == 7 && run == 1) { chars[n++] = ':'; break; }
                    if (run == 0 && g < 7 && (address[g * 2 + 2] | address[g * 2 + 3]) == 0)
                    {
                        run = 1;
                        chars[n++] = ':';
                        continue;
                    }
                    if (run == 1) continue;
                }
                else if (run == 1) run = 2;
                if (g > 0) chars[n++] = ':';
                bool lead = true;
                for (int shift = 12; shift >= 0; shift -= 4)
                {
                    int h = value >> shift & 0xF;
                    if (lead && h == 0 && shift > 0) continue;
                    lead = false;
                    chars[n++] = (char)(h < 10 ? '0' + h : 'A' + h - 10);
                }
            }
            return new string(chars, 0, n);
        }

        private static int HexValue(byte c)
        {
            if (c >= '0' && c <= '9') return c - '0';
            if (c >= 'a' && c <= 'f') return c - 'a' + 10;
            if (c >= 'A' && c <= 'F') return c - 'A' + 10;
            return -1;
        }

        private static bool ParseDottedTail(byte[] text, int start, int end, byte[] address, int at)
        {
            int octets = 0;
            int i = start;
            while (octets < 4)
            {
                int v = 0;
                int digits = 0;
                while (i < end && text[i] >= '0' && text[i] <= '9' && digits < 4) { v = v * 10 + (text[i] - '0'); digits++; i++; }
                if (digits == 0 || digits > 3 || v > 255) return false;
                address[at + octets++] = (byte)v;
                if (octets < 4) { if (i >= end || text[i] != '.') return false; i++; }
            }
            return i == end;
        }
    }
}
