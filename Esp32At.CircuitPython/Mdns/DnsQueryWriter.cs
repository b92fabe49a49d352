using System;

namespace Esp32At.CircuitPython.Mdns
{
    /// <summary>
    /// Writes an mDNS query (RFC 6762 §5): a header with no flags and one question per name, class IN, with the
    /// unicast-response ("QU") bit when asked. Names are in <see cref="DnsName"/> presentation form; none is compressed.
    /// </summary>
    internal static class DnsQueryWriter
    {
        private const int ClassIn = 1;
        private const int UnicastResponseBit = 0x8000;

        /// <summary>The query asking <paramref name="names"/>[i] for type <paramref name="types"/>[i].</summary>
        /// <exception cref="ArgumentException">A label is empty or longer than 63 bytes, or a name longer than 255.</exception>
        public static byte[] Build(int id, string[] names, int[] types, bool unicastResponse)
        {
            var labels = new string[names.Length][];
            int size = 12;
            for (int i = 0; i < names.Length; i++)
            {
                labels[i] = DnsName.Labels(names[i]);
                size += DnsName.WireLength(labels[i]) + 4;
            }
            var message = new byte[size];
            message[0] = (byte)(id >> 8);
            message[1] = (byte)id;
            message[4] = (byte)(names.Length >> 8);
            message[5] = (byte)names.Length;
            int at = 12;
            int cls = ClassIn | (unicastResponse ? UnicastResponseBit : 0);
            for (int i = 0; i < names.Length; i++)
            {
                at = DnsName.Write(message, at, labels[i]);
                message[at++] = (byte)(types[i] >> 8);
                message[at++] = (byte)types[i];
                message[at++] = (byte)(cls >> 8);
                message[at++] = (byte)cls;
            }
            return message;
        }
    }
}
