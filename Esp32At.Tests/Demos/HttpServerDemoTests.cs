using System.Net.Sockets;
using System.Text;
using Esp32At.Demos.HttpServer;

namespace Esp32At.Tests.Demos;

/// <summary>
/// The HTTP server demo on the emulator, reached by a real HTTP client through the emulator's port map: the page and
/// the API for 5 clients at once, the LED switch, and malformed, oversized and slow requests (400/413/408).
/// </summary>
[Collection(DemoCollection.Name)]
public class HttpServerDemoTests
{
    [Fact]
    public async Task RealClientsGetThePageAndTheApiFiveAtOnceAndBadRequestsGetErrors()
    {
        var log = new ServerLog();
        using var stop = new ManualResetEvent(false);
        int exit = -1;
        var thread = new Thread(() => exit = HttpServerDemo.Run(["--speed", "0", "--request-timeout", "3000", "--listen-port", "8080", "--seconds", "120"], log, stop));
        thread.Start();
        try
        {
            Assert.True(log.UrlKnown.Wait(TimeSpan.FromSeconds(30)), log.Text);
            var url = new Uri(log.Url!);
            using var http = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(30) };

            var page = http.GetAsync("/");
            var status = Enumerable.Range(0, 3).Select(_ => http.GetAsync("/api/status")).ToList();
            var led = http.PostAsync("/api/led", new StringContent("{\"on\": true}", Encoding.UTF8, "application/json"));
            var all = await Task.WhenAll([page, .. status, led]);
            log.WaitForAnswers(5);
            Assert.All(all, r => Assert.Equal(System.Net.HttpStatusCode.OK, r.StatusCode));
            Assert.Contains("<h1>Esp32At HTTP server</h1>", await all[0].Content.ReadAsStringAsync());
            Assert.StartsWith("{\"uptime_s\":", await all[1].Content.ReadAsStringAsync());
            Assert.Equal("{\"led\":true}", await all[4].Content.ReadAsStringAsync());
            Assert.Contains("\"led\":true", await http.GetStringAsync("/api/status"));
            log.WaitForAnswers(6);

            Assert.StartsWith("HTTP/1.1 400 Bad Request\r\n", Raw(url, "NOT HTTP AT ALL\r\n\r\n"));
            log.WaitForAnswers(7);
            Assert.StartsWith("HTTP/1.1 413 ", Raw(url, "POST /api/led HTTP/1.1\r\nContent-Length: 100000\r\n\r\n"));
            log.WaitForAnswers(8);
            Assert.StartsWith("HTTP/1.1 408 Request Timeout\r\n", Raw(url, "GET / HTTP/1.1\r\n"));
            log.WaitForAnswers(9);
            Assert.Equal(System.Net.HttpStatusCode.BadRequest, (await http.PostAsync("/api/led", new StringContent("maybe"))).StatusCode);
            log.WaitForAnswers(10);
            Assert.Equal(System.Net.HttpStatusCode.NotFound, (await http.GetAsync("/nothing")).StatusCode);
            log.WaitForAnswers(11);
            // Still serving after all that.
            Assert.Equal(System.Net.HttpStatusCode.OK, (await http.GetAsync("/api/status")).StatusCode);
        }
        finally
        {
            stop.Set();
            Assert.True(thread.Join(TimeSpan.FromSeconds(30)));
        }
        Assert.Equal(0, exit);
        Assert.Contains(log.Lines, l => l.StartsWith("HttpServer demo stopped: ") && l.Contains("7 requests served, 5 refused"));
    }

    [Theory]
    [InlineData("{\"on\":true}", 1)]
    [InlineData(" { \"on\" : false } ", 0)]
    [InlineData("{\"toggle\":true}", 2)]
    [InlineData("{\"on\":1}", -1)]
    public void LedBodies(string body, int expected) => Assert.Equal(expected, DemoApp.ParseLed(body));

    /// <summary>Sends raw bytes and reads the answer (head and Content-Length body).</summary>
    private static string Raw(Uri url, string request)
    {
        using var client = new TcpClient();
        client.Connect(url.Host, url.Port);
        client.ReceiveTimeout = 30_000;
        var stream = client.GetStream();
        stream.Write(Encoding.ASCII.GetBytes(request));
        var answer = new StringBuilder();
        var buf = new byte[1024];
        while (true)
        {
            var text = answer.ToString();
            int headEnd = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            if (headEnd >= 0)
            {
                var length = text.Split("\r\n").FirstOrDefault(l => l.StartsWith("Content-Length: "));
                if (length is not null && text.Length >= headEnd + 4 + int.Parse(length[16..])) return text;
            }
            int n = stream.Read(buf, 0, buf.Length);
            if (n == 0) return text;
            answer.Append(Encoding.ASCII.GetString(buf, 0, n));
        }
    }
}
