using System;
using System.IO;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Esp32At.Demos.HttpClient
{
    /// <summary>
    /// The client demo's second face on the device: TinyCLR's own <see cref="HttpWebRequest"/>, which runs over the
    /// ESP32 because the app made <c>Esp32AtNetworkProvider</c> the default network controller. GET, POST (JSON),
    /// a chunked answer, a large download with progress and throughput, and an HTTPS GET verified against the demo CA
    /// (<see cref="HttpWebRequest.HttpsAuthentCerts"/>, which the provider loads onto the ESP with AT+SYSMFG).
    /// </summary>
    public sealed class WebRequestPass
    {
        private const int TimeoutMs = 30000;
        private readonly IDemoLog log;

        /// <summary>Reports to <paramref name="log"/>.</summary>
        public WebRequestPass(IDemoLog log)
        {
            this.log = log;
        }

        /// <summary>Steps that passed.</summary>
        public int Passed { get; private set; }

        /// <summary>Steps that failed.</summary>
        public int Failed { get; private set; }

        /// <summary>Runs every step against <paramref name="target"/>; <paramref name="caPem"/> verifies the HTTPS server.</summary>
        public void RunAll(DemoTarget target, string caPem)
        {
            string http = "http://" + target.Host + ":" + target.HttpPort;
            Step("GET /hello", "GET", http + "/hello", null, null, false);
            Step("POST /echo (JSON)", "POST", http + "/echo", "{\"board\":\"tinyclr\",\"n\":1}", null, false);
            Step("GET /chunked", "GET", http + "/chunked", null, null, false);
            Step("GET /bytes/" + target.DownloadBytes, "GET", http + "/bytes/" + target.DownloadBytes, null, null, true);
            var ca = new X509Certificate(Encoding.UTF8.GetBytes(caPem));
            Step("HTTPS GET /hello (verified)", "GET", "https://" + target.Host + ":" + target.HttpsPort + "/hello", null, ca, false);
            log.Line("HttpWebRequest: " + Passed + " passed, " + Failed + " failed");
        }

        private void Step(string name, string method, string url, string json, X509Certificate ca, bool download)
        {
            long t0 = DateTime.UtcNow.Ticks;
            try
            {
                var request = (HttpWebRequest)WebRequest.Create(url);
                request.Method = method;
                request.KeepAlive = false;
                request.Timeout = TimeoutMs;
                request.ReadWriteTimeout = TimeoutMs;
                if (ca != null) request.HttpsAuthentCerts = new X509Certificate[] { ca };
                if (json != null)
                {
                    var body = Encoding.UTF8.GetBytes(json);
                    request.ContentType = "application/json";
                    request.ContentLength = body.Length;
                    using (var stream = request.GetRequestStream()) stream.Write(body, 0, body.Length);
                }
                int sentMs = Units.MsSince(t0);
                using (var response = (HttpWebResponse)request.GetResponse())
                using (var stream = response.GetResponseStream())
                {
                    int headMs = Units.MsSince(t0);
                    long total = ReadAll(stream, download ? new DownloadProgress(log) : null, response.ContentLength);
                    int ms = Units.MsSince(t0);
                    bool ok = (int)response.StatusCode == 200;
                    log.Line((ok ? "[ok]   " : "[FAIL] ") + name + ": " + (int)response.StatusCode + ", " + Units.Bytes(total) +
                        " (request " + sentMs + " ms, head " + headMs + " ms, all " + ms + " ms, " + Units.Rate(total, ms) + ")");
                    if (ok) Passed++;
                    else Failed++;
                }
            }
            catch (Exception e)
            {
                Failed++;
                log.Line("[FAIL] " + name + ": " + e.GetType().Name + ": " + e.Message);
            }
        }

        private static long ReadAll(Stream stream, DownloadProgress progress, long length)
        {
            var buffer = new byte[1460];
            long total = 0;
            int n;
            while ((n = stream.Read(buffer, 0, buffer.Length)) > 0)
            {
                if (progress != null) progress.OnBody(buffer, 0, n, length);
                total += n;
            }
            if (progress != null && progress.FirstMismatch >= 0) throw new IOException("byte " + progress.FirstMismatch + " differs from the pattern");
            return total;
        }
    }
}
