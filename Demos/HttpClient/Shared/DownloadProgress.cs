using System;

namespace Esp32At.Demos.HttpClient
{
    /// <summary>Counts a download, checks its bytes against the server's pattern (byte i = i mod 251) and prints progress.</summary>
    public sealed class DownloadProgress : IBodySink
    {
        private const long ReportEveryTicks = 250 * TimeSpan.TicksPerMillisecond;
        private readonly IDemoLog log;
        private readonly long startTicks = DateTime.UtcNow.Ticks;
        private long lastReport;

        /// <summary>Reports to <paramref name="log"/>.</summary>
        public DownloadProgress(IDemoLog log)
        {
            this.log = log;
        }

        /// <summary>Bytes received.</summary>
        public long Received { get; private set; }

        /// <summary>Index of the first byte that broke the pattern, or -1.</summary>
        public long FirstMismatch { get; private set; } = -1;

        public void OnBody(byte[] buffer, int offset, int count, long total)
        {
            for (int i = 0; i < count; i++)
            {
                if (FirstMismatch < 0 && buffer[offset + i] != (byte)((Received + i) % 251)) FirstMismatch = Received + i;
            }
            Received += count;
            long now = DateTime.UtcNow.Ticks;
            if (now - lastReport >= ReportEveryTicks || Received == total)
            {
                lastReport = now;
                int ms = Units.MsSince(startTicks);
                string percent = total > 0 ? " (" + (Received * 100 / total) + " %)" : "";
                log.Progress("  download " + Received + (total > 0 ? "/" + total : "") + " bytes" + percent + ", " + Units.Rate(Received, ms));
            }
        }
    }
}
