using System;
using System.Text;

namespace Esp32At.Demos.HttpClient
{
    /// <summary>
    /// The client demo's steps over one network face: resolve a name, HTTP GET, POST JSON, a chunked response, an HTTPS
    /// GET with the server verified, and a large download with progress and throughput. Each step prints one line with
    /// its timings; a failing step is reported and the rest still run.
    /// </summary>
    public sealed class HttpClientDemoSteps
    {
        private delegate string StepAction();

        private readonly IDemoNetwork network;
        private readonly DemoTarget target;
        private readonly IDemoLog log;
        private readonly MiniHttpClient http;

        /// <summary>Steps against <paramref name="target"/> over <paramref name="network"/>, printing to <paramref name="log"/>.</summary>
        public HttpClientDemoSteps(IDemoNetwork network, DemoTarget target, IDemoLog log)
        {
            this.network = network;
            this.target = target;
            this.log = log;
            http = new MiniHttpClient(network);
        }

        /// <summary>Steps that worked.</summary>
        public int Passed { get; private set; }

        /// <summary>Steps that failed.</summary>
        public int Failed { get; private set; }

        /// <summary>Runs every step; true when all passed.</summary>
        public bool RunAll()
        {
            log.Line("-- " + network.Name + " --");
            Step("DNS " + target.ResolveName, Resolve);
            Step("GET http://" + target.Host + ":" + target.HttpPort + "/hello", GetHello);
            Step("POST /echo (JSON)", PostJson);
            Step("GET /chunked", GetChunked);
            Step("GET https://" + target.TlsServerName + ":" + target.HttpsPort + "/hello (verified)", GetHttps);
            Step("GET /bytes/" + target.DownloadBytes, Download);
            return Failed == 0;
        }

        private void Step(string name, StepAction action)
        {
            long t0 = DateTime.UtcNow.Ticks;
            try
            {
                string detail = action();
                Passed++;
                log.Line("[ok]   " + name + ": " + detail + " (" + Units.MsSince(t0) + " ms)");
            }
            catch (Exception e)
            {
                Failed++;
                log.Line("[FAIL] " + name + ": " + e.GetType().Name + ": " + e.Message);
            }
        }

        private string Resolve()
        {
            return target.ResolveName + " = " + network.Resolve(target.ResolveName);
        }

        private string GetHello()
        {
            var r = http.Send("GET", target.Host, target.HttpPort, null, "/hello", null, null, null);
            Expect(r, 200);
            return "200, \"" + Encoding.UTF8.GetString(r.Body, 0, r.Body.Length).Trim() + "\" | " + r.Timings;
        }

        private string PostJson()
        {
            var json = Encoding.UTF8.GetBytes("{\"device\":\"esp32at-demo\",\"led\":true,\"reading\":21.5}");
            var r = http.Send("POST", target.Host, target.HttpPort, null, "/echo", "application/json", json, null);
            Expect(r, 200);
            var answer = Encoding.UTF8.GetString(r.Body, 0, r.Body.Length);
            if (answer.IndexOf("esp32at-demo") < 0) throw new Exception("the echo does not contain what was posted: " + answer);
            return "200 " + r.ContentType + ", " + answer.Length + " bytes echoed | " + r.Timings;
        }

        private string GetChunked()
        {
            var r = http.Send("GET", target.Host, target.HttpPort, null, "/chunked", null, null, null);
            Expect(r, 200);
            if (!r.Chunked || r.Chunks == 0) throw new Exception("the answer was not chunked");
            return "200, " + r.Chunks + " chunks, " + r.BodyLength + " bytes | " + r.Timings;
        }

        private string GetHttps()
        {
            var r = http.Send("GET", target.Host, target.HttpsPort, target.TlsServerName, "/hello", null, null, null);
            Expect(r, 200);
            return "200, certificate verified, " + r.BodyLength + " bytes | " + r.Timings;
        }

        private string Download()
        {
            var progress = new DownloadProgress(log);
            var r = http.Send("GET", target.Host, target.HttpPort, null, "/bytes/" + target.DownloadBytes, null, null, progress);
            Expect(r, 200);
            if (progress.Received != target.DownloadBytes) throw new Exception("received " + progress.Received + " of " + target.DownloadBytes + " bytes");
            if (progress.FirstMismatch >= 0) throw new Exception("byte " + progress.FirstMismatch + " is wrong");
            int ms = r.Timings.WaitMs + r.Timings.ReceiveMs;
            return Units.Bytes(progress.Received) + " intact at " + Units.Rate(progress.Received, r.Timings.ReceiveMs) + " (" + ms + " ms) | " + r.Timings;
        }

        private static void Expect(HttpResponse r, int status)
        {
            if (r.Status != status) throw new Exception("HTTP " + r.Status + " (expected " + status + ")");
        }
    }
}
