using System;
using System.IO;
using System.Text;

namespace Esp32At.Demos.HttpClient
{
    /// <summary>
    /// A small HTTP/1.1 client over any <see cref="IDemoNetwork"/>: one request per connection (<c>Connection: close</c>),
    /// Content-Length, chunked and read-to-close bodies, and the time of each phase. Enough for the demo; device-safe.
    /// </summary>
    public sealed class MiniHttpClient
    {
        /// <summary>Bodies not given to a sink are kept up to this size.</summary>
        public const int MaxKeptBody = 64 * 1024;

        private readonly IDemoNetwork network;

        /// <summary>Uses <paramref name="network"/> for every request.</summary>
        public MiniHttpClient(IDemoNetwork network)
        {
            if (network == null) throw new ArgumentNullException("network");
            this.network = network;
            BufferSize = 2048;
        }

        /// <summary>Read size (a socket read is at most this much).</summary>
        public int BufferSize { get; set; }

        /// <summary>
        /// Sends <paramref name="method"/> <paramref name="path"/> to <paramref name="host"/>:<paramref name="port"/>
        /// (HTTPS when <paramref name="tlsServerName"/> is set) with an optional body, and reads the answer; the body goes
        /// to <paramref name="sink"/> when one is given.
        /// </summary>
        public HttpResponse Send(string method, string host, int port, string tlsServerName, string path,
            string contentType, byte[] body, IBodySink sink)
        {
            var response = new HttpResponse();
            long t0 = DateTime.UtcNow.Ticks;
            using (var stream = network.Connect(host, port, tlsServerName))
            {
                response.Timings.ConnectMs = Units.MsSince(t0);
                long t1 = DateTime.UtcNow.Ticks;
                var head = new StringBuilder();
                head.Append(method).Append(' ').Append(path).Append(" HTTP/1.1\r\n");
                head.Append("Host: ").Append(tlsServerName != null ? tlsServerName : host).Append(':').Append(port).Append("\r\n");
                head.Append("User-Agent: Esp32At-demo/1.0\r\nAccept: */*\r\nConnection: close\r\n");
                if (body != null)
                {
                    head.Append("Content-Type: ").Append(contentType != null ? contentType : "application/octet-stream").Append("\r\n");
                    head.Append("Content-Length: ").Append(body.Length).Append("\r\n");
                }
                head.Append("\r\n");
                var headBytes = Encoding.UTF8.GetBytes(head.ToString());
                stream.Write(headBytes, 0, headBytes.Length);
                if (body != null && body.Length > 0) stream.Write(body, 0, body.Length);
                long t2 = DateTime.UtcNow.Ticks;
                response.Timings.SendMs = Units.MsSince(t1);
                var reader = new ResponseReader(stream, BufferSize);
                ReadHead(reader, response, out long length);
                response.Timings.WaitMs = (int)((reader.FirstByteTicks - t2) / TimeSpan.TicksPerMillisecond);
                var kept = sink == null ? new MemoryStream() : null;
                if (response.Chunked) ReadChunked(reader, response, sink, kept);
                else ReadBody(reader, response, length, sink, kept);
                if (kept != null) response.Body = kept.ToArray();
                response.Timings.ReceiveMs = Units.MsSince(reader.FirstByteTicks);
            }
            return response;
        }

        private static void ReadHead(ResponseReader reader, HttpResponse response, out long length)
        {
            length = -1;
            var status = reader.ReadLine();
            if (status == null) throw new IOException("the server closed without answering");
            var parts = status.Split(' ');
            int code;
            if (parts.Length < 2 || parts[0].IndexOf("HTTP/") != 0 || !int.TryParse(parts[1], out code))
                throw new FormatException("not an HTTP status line: " + status);
            response.Status = code;
            while (true)
            {
                var line = reader.ReadLine();
                if (line == null) throw new IOException("the server closed inside the response head");
                if (line.Length == 0) return;
                int colon = line.IndexOf(':');
                if (colon <= 0) continue;
                var name = line.Substring(0, colon).Trim().ToLower();
                var value = line.Substring(colon + 1).Trim();
                if (name == "content-length")
                {
                    long n;
                    if (!long.TryParse(value, out n) || n < 0) throw new FormatException("bad Content-Length: " + value);
                    length = n;
                }
                else if (name == "transfer-encoding" && value.ToLower().IndexOf("chunked") >= 0) response.Chunked = true;
                else if (name == "content-type") response.ContentType = value;
            }
        }

        private void ReadBody(ResponseReader reader, HttpResponse response, long length, IBodySink sink, MemoryStream kept)
        {
            var chunk = new byte[BufferSize];
            while (length < 0 || response.BodyLength < length)
            {
                int want = chunk.Length;
                if (length >= 0 && length - response.BodyLength < want) want = (int)(length - response.BodyLength);
                int n = reader.Read(chunk, 0, want);
                if (n == 0)
                {
                    if (length < 0) return;
                    throw new IOException("the server closed after " + response.BodyLength + " of " + length + " body bytes");
                }
                Deliver(response, chunk, n, length, sink, kept);
            }
        }

        private void ReadChunked(ResponseReader reader, HttpResponse response, IBodySink sink, MemoryStream kept)
        {
            var chunk = new byte[BufferSize];
            while (true)
            {
                var line = reader.ReadLine();
                if (line == null) throw new IOException("the server closed inside a chunked body");
                int size = ParseHex(line);
                if (size == 0) break;
                response.Chunks++;
                while (size > 0)
                {
                    int n = reader.Read(chunk, 0, size < chunk.Length ? size : chunk.Length);
                    if (n == 0) throw new IOException("the server closed inside a chunk");
                    Deliver(response, chunk, n, -1, sink, kept);
                    size -= n;
                }
                if (reader.ReadLine() != "") throw new FormatException("a chunk did not end with CR LF");
            }
            // Trailer fields, up to the empty line.
            string trailer;
            while ((trailer = reader.ReadLine()) != null && trailer.Length > 0) { }
        }

        private static void Deliver(HttpResponse response, byte[] chunk, int n, long total, IBodySink sink, MemoryStream kept)
        {
            response.BodyLength += n;
            if (sink != null) sink.OnBody(chunk, 0, n, total);
            else if (kept.Length + n <= MaxKeptBody) kept.Write(chunk, 0, n);
        }

        /// <summary>The chunk size at the start of a chunk-size line (extensions after ';' ignored).</summary>
        public static int ParseHex(string line)
        {
            int semicolon = line.IndexOf(';');
            var text = (semicolon >= 0 ? line.Substring(0, semicolon) : line).Trim();
            if (text.Length == 0 || text.Length > 7) throw new FormatException("bad chunk size line: " + line);
            int value = 0;
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                int digit = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
                if (digit < 0) throw new FormatException("bad chunk size line: " + line);
                value = value * 16 + digit;
            }
            return value;
        }
    }
}
