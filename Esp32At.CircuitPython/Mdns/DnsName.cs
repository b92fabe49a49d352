using System;
using System.Collections;
using System.Text;

namespace Esp32At.CircuitPython.Mdns
{
    /// <summary>
    /// Domain names on the wire (RFC 1035 §4.1.4, with compression pointers) and in presentation form: labels joined by
    /// '.', where a '.' or '\' that is part of a label (DNS-SD instance names may hold dots) is escaped with '\'.
    /// Reading is bounded: a name is at most 255 bytes and a pointer must point before itself, so a hostile packet
    /// cannot loop or run outside the message.
    /// </summary>
    internal static class DnsName
    {
        private const int MaxNameBytes = 255;
        private const int MaxLabelBytes = 63;

        /// <summary>
        /// Reads the name at <paramref name="offset"/> of the first <paramref name="length"/> bytes of
        /// <paramref name="message"/> and moves <paramref name="offset"/> past it. Returns null when malformed.
        /// </summary>
        public static string Read(byte[] message, int length, ref int offset)
        {
            var text = new StringBuilder();
            int at = offset;
            int end = -1; // where the caller continues: after the first pointer, or after the terminating zero
            int nameBytes = 1;
            while (true)
            {
                if (at >= length) return null;
                int b = message[at];
                if (b == 0)
                {
                    offset = end < 0 ? at + 1 : end;
                    return text.ToString();
                }
                if ((b & 0xC0) == 0xC0)
                {
                    if (at + 1 >= length) return null;
                    int target = (b & 0x3F) << 8 | message[at + 1];
                    if (target >= at) return null; // only backwards: every jump shortens the walk, so it ends
                    if (end < 0) end = at + 2;
                    at = target;
                    continue;
                }
                if (b > MaxLabelBytes) return null; // 0x40 and 0x80 label types are obsolete or reserved
                nameBytes += b + 1;
                if (nameBytes > MaxNameBytes || at + 1 + b > length) return null;
                if (text.Length > 0) text.Append('.');
                if (!AppendLabel(text, message, at + 1, b)) return null;
                at += 1 + b;
            }
        }

        /// <summary>Whether two presentation names are equal, ignoring ASCII case (RFC 6762 §16).</summary>
        public static bool Same(string a, string b)
        {
            if (a == null || b == null || a.Length != b.Length) return false;
            for (int i = 0; i < a.Length; i++)
                if (Lower(a[i]) != Lower(b[i])) return false;
            return true;
        }

        /// <summary>The name in lower case (ASCII only), as a key for de-duplication.</summary>
        public static string Key(string name)
        {
            var chars = name.ToCharArray();
            for (int i = 0; i < chars.Length; i++) chars[i] = Lower(chars[i]);
            return new string(chars);
        }

        /// <summary>
        /// The first label of <paramref name="name"/>, unescaped; <paramref name="rest"/> gets the name after it
        /// ("" for a single label).
        /// </summary>
        public static string FirstLabel(string name, out string rest)
        {
            var label = new StringBuilder();
            for (int i = 0; i < name.Length; i++)
            {
                char c = name[i];
                if (c == '\\' && i + 1 < name.Length)
                {
                    label.Append(name[++i]);
                    continue;
                }
                if (c == '.')
                {
                    rest = name.Substring(i + 1);
                    return label.ToString();
                }
                label.Append(c);
            }
            rest = "";
            return label.ToString();
        }

        /// <summary>The unescaped labels of presentation name <paramref name="name"/>.</summary>
        /// <exception cref="ArgumentException">A label is empty or longer than 63 bytes, or the name longer than 255.</exception>
        public static string[] Labels(string name)
        {
            var labels = new ArrayList();
            int wire = 1;
            string rest = name;
            while (rest.Length > 0)
            {
                string label = FirstLabel(rest, out rest);
                int bytes = Encoding.UTF8.GetBytes(label).Length;
                wire += bytes + 1;
                if (bytes == 0 || bytes > MaxLabelBytes || wire > MaxNameBytes)
                    throw new ArgumentException("'" + name + "' is not a valid DNS name (labels of 1 to 63 bytes, 255 in all)");
                labels.Add(label);
            }
            var result = new string[labels.Count];
            labels.CopyTo(result);
            return result;
        }

        /// <summary>Writes <paramref name="labels"/> as an uncompressed wire name at <paramref name="offset"/>; returns the end.</summary>
        public static int Write(byte[] output, int offset, string[] labels)
        {
            for (int i = 0; i < labels.Length; i++)
            {
                var bytes = Encoding.UTF8.GetBytes(labels[i]);
                output[offset++] = (byte)bytes.Length;
                System.Array.Copy(bytes, 0, output, offset, bytes.Length);
                offset += bytes.Length;
            }
            output[offset++] = 0;
            return offset;
        }

        /// <summary>Bytes <see cref="Write"/> needs for <paramref name="labels"/>.</summary>
        public static int WireLength(string[] labels)
        {
            int n = 1;
            for (int i = 0; i < labels.Length; i++) n += 1 + Encoding.UTF8.GetBytes(labels[i]).Length;
            return n;
        }

        private static bool AppendLabel(StringBuilder text, byte[] message, int start, int count)
        {
            string label = Utf8.Decode(message, start, count);
            if (label == null) return false;
            for (int i = 0; i < label.Length; i++)
            {
                char c = label[i];
                if (c == '.' || c == '\\') text.Append('\\');
                text.Append(c);
            }
            return true;
        }

        private static char Lower(char c)
        {
            return c >= 'A' && c <= 'Z' ? (char)(c + 32) : c;
        }
    }
}
