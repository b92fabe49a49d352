namespace Esp32At.Demos.Mqtt
{
    /// <summary>Number formatting without culture or format strings (the same text on TinyCLR and on the desktop).</summary>
    public static class Units
    {
        /// <summary>DateTime ticks (100 ns) as milliseconds with one decimal: 12345 → "1.2".</summary>
        public static string Ms(long ticks)
        {
            long tenths = (ticks + 500) / 1000;
            return (tenths / 10).ToString() + "." + (tenths % 10).ToString();
        }

        /// <summary>Hundredths as a decimal: 2153 → "21.53", -5 → "-0.05".</summary>
        public static string Hundredths(int value)
        {
            string sign = value < 0 ? "-" : "";
            if (value < 0) value = -value;
            int cents = value % 100;
            return sign + (value / 100).ToString() + "." + (cents < 10 ? "0" : "") + cents.ToString();
        }

        /// <summary>A non-negative decimal integer, or -1 when <paramref name="text"/> is not one (or over 9 digits).</summary>
        public static int ParseCount(string text)
        {
            if (text.Length == 0 || text.Length > 9) return -1;
            int value = 0;
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c < '0' || c > '9') return -1;
                value = value * 10 + (c - '0');
            }
            return value;
        }
    }
}
