using System;
using System.Text;

namespace Esp32At.Demos.HttpServer
{
    /// <summary>
    /// Reads one HTTP/1.x request from a connection within limits: a head of at most <see cref="MaxHeadBytes"/> and a
    /// body of at most <see cref="MaxBodyBytes"/> (else 413), all of it within <see cref="RequestTimeoutMs"/> of the first
    /// read (else 408), and well formed (else 400). A client that closes before sending anything gets no answer (null).
    /// </summary>
    public sealed class RequestReader
    {
        private const int SliceMs = 500;

        /// <summary>Largest request line plus headers.</summary>
        public int MaxHeadBytes = 2048;

        /// <summary>Largest body.</summary>
        public int MaxBodyBytes = 1024;

        /// <summary>Time a client has to send the whole request.</summary>
        public int RequestTimeoutMs = 5000;

        /// <summary>The request, an error request (status set), or null when the client left without a word.</summary>
        public HttpRequest Read(IServerConnection connection)
        {
            var head = new byte[MaxHeadBytes];
            int filled = 0;
            long deadline = DateTime.UtcNow.Ticks + (long)RequestTimeoutMs * TimeSpan.TicksPerMillisecond;
            int headEnd;
            while ((headEnd = FindHeadEnd(head, filled)) < 0)
            {
                if (filled == head.Length) return HttpRequest.Error(413, "request head larger than " + MaxHeadBytes + " bytes");
                int n = Receive(connection, head, filled, head.Length - filled, deadline);
                if (n == -1) return filled == 0 ? HttpRequest.Error(408, "no request within " + RequestTimeoutMs + " ms") : HttpRequest.Error(408, "request head incomplete after " + RequestTimeoutMs + " ms");
                if (n == 0) return filled == 0 ? null : HttpRequest.Error(400, "connection closed inside the request head");
                filled += n;
            }
            var request = ParseHead(Encoding.UTF8.GetString(head, 0, headEnd));
            if (request.ErrorStatus != 0) return request;
            int length = request.Body.Length;
            // Bytes after the head belong to the body; read the rest.
            int already = filled - (headEnd + 4);
            if (already > length) already = length;
            Array.Copy(head, headEnd + 4, request.Body, 0, already);
            int got = already;
            while (got < length)
            {
                int n = Receive(connection, request.Body, got, length - got, deadline);
                if (n == -1) return HttpRequest.Error(408, "body incomplete after " + RequestTimeoutMs + " ms");
                if (n == 0) return HttpRequest.Error(400, "connection closed inside the body");
                got += n;
            }
            return request;
        }

        private static int Receive(IServerConnection connection, byte[] buffer, int offset, int count, long deadline)
        {
            while (true)
            {
                long left = (deadline - DateTime.UtcNow.Ticks) / TimeSpan.TicksPerMillisecond;
                if (left <= 0) return -1;
                int n = connection.Receive(buffer, offset, count, left < SliceMs ? (int)left : SliceMs);
                if (n != -1) return n;
            }
        }

        private HttpRequest ParseHead(string text)
        {
            var lines = text.Split('\n');
            var start = lines[0].TrimEnd('\r').Split(' ');
            if (start.Length != 3 || !IsToken(start[0]) || start[1].Length == 0 || start[1][0] != '/' || start[2].IndexOf("HTTP/1.") != 0)
                return HttpRequest.Error(400, "malformed request line");
            var request = new HttpRequest();
            request.Method = start[0];
            int query = start[1].IndexOf('?');
            request.Path = query >= 0 ? start[1].Substring(0, query) : start[1];
            int length = 0;
            for (int i = 1; i < lines.Length; i++)
            {
                var line = lines[i].TrimEnd('\r');
                int colon = line.IndexOf(':');
                if (colon <= 0 || !IsToken(line.Substring(0, colon))) return HttpRequest.Error(400, "malformed header line");
                var name = line.Substring(0, colon).ToLower();
                var value = line.Substring(colon + 1).Trim();
                if (name == "content-length")
                {
                    if (!ParseLength(value, out length)) return HttpRequest.Error(400, "bad Content-Length");
                    if (length > MaxBodyBytes) return HttpRequest.Error(413, "body larger than " + MaxBodyBytes + " bytes");
                }
                else if (name == "transfer-encoding") return HttpRequest.Error(400, "chunked request bodies are not supported");
            }
            request.Body = new byte[length];
            return request;
        }

        private static bool ParseLength(string value, out int length)
        {
            length = 0;
            if (value.Length == 0 || !AllDigits(value)) return false;
            // More than 9 digits cannot fit any limit: treat as too large rather than overflow.
            length = value.Length > 9 ? int.MaxValue : int.Parse(value);
            return true;
        }

        private static bool AllDigits(string value)
        {
            for (int i = 0; i < value.Length; i++) if (value[i] < '0' || value[i] > '9') return false;
            return true;
        }

        private static bool IsToken(string text)
        {
            if (text.Length == 0) return false;
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
                if (!ok) return false;
            }
            return true;
        }

        private static int FindHeadEnd(byte[] b, int n)
        {
            for (int i = 0; i + 3 < n; i++)
                if (b[i] == '\r' && b[i + 1] == '\n' && b[i + 2] == '\r' && b[i + 3] == '\n') return i;
            return -1;
        }
    }
}
