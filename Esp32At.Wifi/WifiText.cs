using System;
using System.Text;

namespace Esp32At.Wifi
{
    /// <summary>Parsing and formatting of the text forms in Wi-Fi answers: dotted IPv4, colon MACs, quoted fields.</summary>
    public static class WifiText
    {
        /// <summary>Four bytes of a dotted IPv4 literal (first octet first), or null when <paramref name="text"/> is not one.</summary>
        public static byte[] ParseIPv4(string text)
        {
            if (text == null) return null;
            var bytes = new byte[4];
            int part = 0;
            int value = 0;
            int digits = 0;
            for (int i = 0; i <= text.Length; i++)
            {
                if (i == text.Length || text[i] == '.')
                {
                    if (digits == 0 || value > 255 || part > 3) return null;
                    bytes[part++] = (byte)value;
                    value = 0;
                    digits = 0;
                    continue;
                }
                char c = text[i];
                if (c < '0' || c > '9' || digits == 3) return null;
                value = value * 10 + (c - '0');
                digits++;
            }
            return part == 4 ? bytes : null;
        }

        /// <summary>The dotted form of four address bytes.</summary>
        public static string FormatIPv4(byte[] address)
        {
            CheckLength(address, 4, "address");
            return address[0] + "." + address[1] + "." + address[2] + "." + address[3];
        }

        /// <summary>Six bytes of <c>aa:bb:cc:dd:ee:ff</c> (either case), or null when <paramref name="text"/> is not a MAC.</summary>
        public static byte[] ParseMac(string text)
        {
            if (text == null || text.Length != 17) return null;
            var mac = new byte[6];
            for (int i = 0; i < 6; i++)
            {
                int hi = Hex(text[i * 3]);
                int lo = Hex(text[i * 3 + 1]);
                if (hi < 0 || lo < 0 || (i < 5 && text[i * 3 + 2] != ':')) return null;
                mac[i] = (byte)(hi * 16 + lo);
            }
            return mac;
        }

        /// <summary>The lowercase <c>aa:bb:cc:dd:ee:ff</c> form ESP-AT uses.</summary>
        public static string FormatMac(byte[] mac)
        {
            CheckLength(mac, 6, "mac");
            var sb = new StringBuilder(17);
            for (int i = 0; i < 6; i++)
            {
                if (i > 0) sb.Append(':');
                sb.Append(HexDigit(mac[i] >> 4)).Append(HexDigit(mac[i] & 15));
            }
            return sb.ToString();
        }

        /// <summary>Lowercase hex of <paramref name="data"/>, no separators.</summary>
        public static string Hex(byte[] data, int offset, int count)
        {
            var sb = new StringBuilder(count * 2);
            for (int i = offset; i < offset + count; i++) sb.Append(HexDigit(data[i] >> 4)).Append(HexDigit(data[i] & 15));
            return sb.ToString();
        }

        /// <summary><paramref name="text"/> without one pair of surrounding double quotes (unchanged when it has none).</summary>
        public static string Unquote(string text)
        {
            if (text != null && text.Length >= 2 && text[0] == '"' && text[text.Length - 1] == '"') return text.Substring(1, text.Length - 2);
            return text;
        }

        /// <summary>True when <paramref name="text"/> starts with <paramref name="prefix"/> (ordinal; TinyCLR has no StartsWith).</summary>
        public static bool StartsWith(string text, string prefix)
        {
            if (text == null || text.Length < prefix.Length) return false;
            for (int i = 0; i < prefix.Length; i++) if (text[i] != prefix[i]) return false;
            return true;
        }

        /// <summary>
        /// Splits an address line <c>&lt;prefix&gt;&lt;key&gt;:"&lt;value&gt;"</c> (<c>+CIPSTA:ip:"a.b.c.d"</c>); false when
        /// <paramref name="line"/> does not start with <paramref name="prefix"/> or has no key.
        /// </summary>
        public static bool TrySplitKeyed(string line, string prefix, out string key, out string value)
        {
            key = value = null;
            if (!StartsWith(line, prefix)) return false;
            int colon = line.IndexOf(':', prefix.Length);
            if (colon < 0) return false;
            key = line.Substring(prefix.Length, colon - prefix.Length);
            value = Unquote(line.Substring(colon + 1));
            return true;
        }

        /// <summary>Parses a decimal integer (optional minus sign); false when it is not one.</summary>
        public static bool TryParseInt(string text, out int value)
        {
            value = 0;
            if (text == null) return false;
            text = text.Trim();
            int i = 0;
            bool negative = false;
            if (text.Length > 0 && (text[0] == '-' || text[0] == '+'))
            {
                negative = text[0] == '-';
                i = 1;
            }
            if (i >= text.Length || text.Length - i > 10) return false;
            long v = 0;
            for (; i < text.Length; i++)
            {
                char c = text[i];
                if (c < '0' || c > '9') return false;
                v = v * 10 + (c - '0');
            }
            if (negative) v = -v;
            if (v > int.MaxValue || v < int.MinValue) return false;
            value = (int)v;
            return true;
        }

        /// <summary>Parses a decimal integer or throws <see cref="FormatException"/> naming <paramref name="what"/>.</summary>
        public static int ParseInt(string text, string what)
        {
            int v;
            if (!TryParseInt(text, out v)) throw new FormatException("unexpected " + what + ": " + text);
            return v;
        }

        internal static void CheckLength(byte[] value, int length, string name)
        {
            if (value == null) throw new ArgumentNullException(name);
            if (value.Length != length) throw new ArgumentException(name + " must be " + length + " bytes", name);
        }

        private static int Hex(char c)
        {
            if (c >= '0' && c <= '9') return c - '0';
            if (c >= 'a' && c <= 'f') return c - 'a' + 10;
            if (c >= 'A' && c <= 'F') return c - 'A' + 10;
            return -1;
        }

        private static char HexDigit(int v)
        {
            return (char)(v < 10 ? '0' + v : 'a' + v - 10);
        }
    }
}
