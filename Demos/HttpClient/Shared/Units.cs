using System;

namespace Esp32At.Demos.HttpClient
{
    /// <summary>Readable byte counts, rates and durations (device-safe: no format providers needed).</summary>
    public static class Units
    {
        /// <summary>Milliseconds since <paramref name="startTicks"/> (a <c>DateTime.UtcNow.Ticks</c> value).</summary>
        public static int MsSince(long startTicks)
        {
            return (int)((DateTime.UtcNow.Ticks - startTicks) / TimeSpan.TicksPerMillisecond);
        }

        /// <summary>e.g. "512 B", "12.3 KiB", "1.50 MiB".</summary>
        public static string Bytes(long bytes)
        {
            if (bytes < 1024) return bytes + " B";
            if (bytes < 1024 * 1024) return ((double)bytes / 1024).ToString("F1") + " KiB";
            return ((double)bytes / (1024 * 1024)).ToString("F2") + " MiB";
        }

        /// <summary>Bytes per second over <paramref name="ms"/> milliseconds, e.g. "85.3 KiB/s".</summary>
        public static string Rate(long bytes, int ms)
        {
            if (ms <= 0) ms = 1;
            double perSecond = bytes * 1000.0 / ms;
            if (perSecond < 1024) return perSecond.ToString("F0") + " B/s";
            if (perSecond < 1024 * 1024) return (perSecond / 1024).ToString("F1") + " KiB/s";
            return (perSecond / (1024 * 1024)).ToString("F2") + " MiB/s";
        }
    }
}
