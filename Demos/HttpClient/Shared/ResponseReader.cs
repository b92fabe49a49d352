using System;

namespace Esp32At.Demos.HttpClient
{
    /// <summary>Buffered reading of an HTTP response: CRLF-terminated head lines, then raw body bytes.</summary>
    internal sealed class ResponseReader
    {
        private const int MaxLine = 8192;
        private readonly IDemoStream stream;
        private readonly byte[] buffer;
        private int start;
        private int end;

        public ResponseReader(IDemoStream stream, int bufferSize)
        {
            this.stream = stream;
            buffer = new byte[bufferSize];
        }

        /// <summary>Ticks when the first byte arrived (0 before).</summary>
        public long FirstByteTicks;

        /// <summary>The next line without its CR LF; null at end of stream.</summary>
        public string ReadLine()
        {
            var line = new System.Text.StringBuilder();
            while (true)
            {
                if (start == end && !Fill()) return line.Length == 0 ? null : line.ToString();
                byte b = buffer[start++];
                if (b == (byte)'\n')
                {
                    if (line.Length > 0 && line[line.Length - 1] == '\r') line.Length--;
                    return line.ToString();
                }
                if (line.Length >= MaxLine) throw new FormatException("an HTTP head line longer than " + MaxLine + " bytes");
                line.Append((char)b);
            }
        }

        /// <summary>Up to <paramref name="count"/> bytes into <paramref name="target"/>; 0 at end of stream.</summary>
        public int Read(byte[] target, int offset, int count)
        {
            if (start == end && !Fill()) return 0;
            int n = end - start;
            if (n > count) n = count;
            Array.Copy(buffer, start, target, offset, n);
            start += n;
            return n;
        }

        private bool Fill()
        {
            start = 0;
            end = stream.Read(buffer, buffer.Length);
            if (end > 0 && FirstByteTicks == 0) FirstByteTicks = DateTime.UtcNow.Ticks;
            if (end < 0) end = 0;
            return end > 0;
        }
    }
}
