namespace Esp32At.Wifi
{
    /// <summary>
    /// Parses <c>+CWLAP:(...)</c> lines (spec §2.2). The SSID is printed raw, so it may contain commas and quotes: the
    /// fields before it are taken from the left and those after it from the right. With <c>AT+CWLAPOPT</c> only the
    /// fields of the print mask appear, in order.
    /// </summary>
    public static class ScanLineParser
    {
        /// <summary>All eleven fields (ecn, ssid, rssi, mac, channel, freq_offset, freqcal_val, pairwise, group, bgn, wps).</summary>
        public const int FullMask = 0x7FF;

        /// <summary>Parses the text after <c>+CWLAP:</c>; null when it does not fit <paramref name="printMask"/>.</summary>
        public static AccessPointInfo Parse(string text, int printMask)
        {
            if (text == null) return null;
            text = text.Trim();
            if (text.Length >= 2 && text[0] == '(' && text[text.Length - 1] == ')') text = text.Substring(1, text.Length - 2);
            printMask &= FullMask;
            int count = BitCount(printMask);
            if (count == 0) return null;
            string[] fields;
            if ((printMask & 2) != 0) fields = SplitAround(text, BitCount(printMask & 1), BitCount(printMask & ~3));
            else
            {
                fields = text.Split(',');
                if (fields.Length != count) return null;
            }
            if (fields == null) return null;
            var info = new AccessPointInfo();
            int f = 0;
            for (int bit = 0; bit < 11; bit++)
            {
                if ((printMask & (1 << bit)) == 0) continue;
                var field = fields[f++];
                if (bit == 1)
                {
                    info.Ssid = WifiText.Unquote(field);
                    continue;
                }
                if (bit == 3)
                {
                    info.Bssid = WifiText.ParseMac(WifiText.Unquote(field));
                    continue;
                }
                int v;
                if (!WifiText.TryParseInt(field, out v)) return null;
                switch (bit)
                {
                    case 0: info.AuthMode = (WifiAuthMode)v; break;
                    case 2: info.Rssi = v; break;
                    case 4: info.Channel = v; break;
                    case 7: info.PairwiseCipher = v; break;
                    case 8: info.GroupCipher = v; break;
                    case 9: info.Protocols = v; break;
                    case 10: info.Wps = v; break;
                }
            }
            return info;
        }

        /// <summary>
        /// Splits <paramref name="text"/> into <paramref name="before"/> comma-separated fields from the left, then a
        /// middle field that may contain commas, then <paramref name="after"/> fields from the right; null when there are
        /// too few commas.
        /// </summary>
        public static string[] SplitAround(string text, int before, int after)
        {
            var fields = new string[before + 1 + after];
            int start = 0;
            for (int i = 0; i < before; i++)
            {
                int comma = text.IndexOf(',', start);
                if (comma < 0) return null;
                fields[i] = text.Substring(start, comma - start);
                start = comma + 1;
            }
            int end = text.Length;
            for (int i = 0; i < after; i++)
            {
                int comma = end > start ? text.LastIndexOf(',', end - 1) : -1;
                if (comma < start) return null;
                fields[before + after - i] = text.Substring(comma + 1, end - comma - 1);
                end = comma;
            }
            fields[before] = text.Substring(start, end - start);
            return fields;
        }

        private static int BitCount(int v)
        {
            int n = 0;
            for (; v != 0; v &= v - 1) n++;
            return n;
        }
    }
}
