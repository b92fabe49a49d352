using System.Collections;

namespace Esp32At.CircuitPython.Mdns
{
    /// <summary>
    /// Reads the records of an mDNS response (answers, authority and additional sections alike: RFC 6762 §6 lets a
    /// responder put DNS-SD's SRV, TXT and A records in any of them). Never throws: a query, a non-zero opcode or
    /// rcode gives nothing (§18.3, §18.11), and a record that is malformed ends the reading, keeping the records before it.
    /// </summary>
    internal static class DnsMessageReader
    {
        private const int HeaderBytes = 12;

        /// <summary>The records of the response in the first <paramref name="length"/> bytes of <paramref name="message"/>.</summary>
        public static DnsRecord[] Read(byte[] message, int length)
        {
            var records = new ArrayList();
            if (message == null || length > message.Length || length < HeaderBytes) return new DnsRecord[0];
            int flags = U16(message, 2);
            bool response = (flags & 0x8000) != 0;
            int opcode = (flags >> 11) & 0xF;
            if (!response || opcode != 0 || (flags & 0xF) != 0) return new DnsRecord[0];
            int questions = U16(message, 4);
            int total = U16(message, 6) + U16(message, 8) + U16(message, 10);
            int at = HeaderBytes;
            for (int i = 0; i < questions; i++)
            {
                if (DnsName.Read(message, length, ref at) == null || at + 4 > length) return ToArray(records);
                at += 4;
            }
            for (int i = 0; i < total; i++)
            {
                var record = ReadRecord(message, length, ref at);
                if (record == null) break;
                if (record.Name != null) records.Add(record);
            }
            return ToArray(records);
        }

        // One record, moving at past it; null when malformed. A record of a type browsing ignores comes back with a null Name.
        private static DnsRecord ReadRecord(byte[] message, int length, ref int at)
        {
            string name = DnsName.Read(message, length, ref at);
            if (name == null || at + 10 > length) return null;
            var record = new DnsRecord();
            record.Type = U16(message, at);
            record.Ttl = (long)U16(message, at + 4) << 16 | (long)U16(message, at + 6);
            int dataLength = U16(message, at + 8);
            int start = at + 10;
            int end = start + dataLength;
            if (end > length) return null;
            at = end;
            int cursor = start;
            switch (record.Type)
            {
                case DnsRecord.TypePtr:
                    record.Target = DnsName.Read(message, end, ref cursor);
                    if (record.Target == null) return Skipped(record);
                    break;
                case DnsRecord.TypeSrv:
                    if (dataLength < 7) return Skipped(record);
                    record.Port = U16(message, start + 4);
                    cursor = start + 6;
                    record.Target = DnsName.Read(message, end, ref cursor);
                    if (record.Target == null) return Skipped(record);
                    break;
                case DnsRecord.TypeTxt:
                    record.Texts = ReadTexts(message, start, end);
                    if (record.Texts == null) return Skipped(record);
                    break;
                case DnsRecord.TypeA:
                    if (dataLength != 4) return Skipped(record);
                    record.Address = new byte[4];
                    System.Array.Copy(message, start, record.Address, 0, 4);
                    break;
                default:
                    return Skipped(record);
            }
            record.Name = name;
            return record;
        }

        // A record whose data is unusable is skipped, not fatal: its length still tells where the next one starts.
        private static DnsRecord Skipped(DnsRecord record)
        {
            record.Name = null;
            return record;
        }

        private static string[] ReadTexts(byte[] message, int start, int end)
        {
            var texts = new ArrayList();
            int at = start;
            while (at < end)
            {
                int n = message[at++];
                if (at + n > end) return null;
                if (n > 0)
                {
                    string text = Utf8.Decode(message, at, n);
                    if (text == null) return null;
                    texts.Add(text);
                }
                at += n;
            }
            var result = new string[texts.Count];
            texts.CopyTo(result);
            return result;
        }

        private static DnsRecord[] ToArray(ArrayList records)
        {
            var result = new DnsRecord[records.Count];
            records.CopyTo(result);
            return result;
        }

        private static int U16(byte[] b, int at)
        {
            return b[at] << 8 | b[at + 1];
        }
    }
}
