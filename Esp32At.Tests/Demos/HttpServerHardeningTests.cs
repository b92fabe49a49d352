using System.Net.Sockets;
using System.Text;
using Esp32At.Demos.HttpServer;

namespace Esp32At.Tests.Demos;

/// <summary>
/// The server demo under abuse (issue 10, item 7): slowloris clients holding every link, more clients than the ESP has
/// links, a client that hangs up mid-request, an oversized header. The server stays up and serves the next good client.
/// </summary>
[Collection(DemoCollection.Name)]
public class HttpServerHardeningTests
{
    [Fact]
    public async Task SlowClientsTooManyClientsHangUpsAndHugeHeadersDoNotStopTheServer()
    {
        var log = new ServerLog();
        using var stop = new ManualResetEvent(false);
        int exit = -1;
        var thread = new Thread(() => exit = HttpServerDemo.Run(["--speed", "0", "--request-timeout", "1000", "--listen-port", "8180", "--seconds", "120"], log, stop));
        thread.Start();
        var held = new List<TcpClient>();
        try
        {
            Assert.True(log.UrlKnown.Wait(TimeSpan.FromSeconds(30)), log.Text);
            var url = new Uri(log.Url!);

            // Seven slowloris clients: more than the ESP's five links. None sends a full request.
            for (int i = 0; i < 7; i++)
            {
                var c = new TcpClient();
                try { c.Connect(url.Host, url.Port); c.GetStream().Write("GET / HTTP/1.1\r\nX-Slow: "u8); } catch (SocketException) { }
                held.Add(c);
            }
            // A client that hangs up in the middle of its request.
            using (var quitter = new TcpClient())
            {
                try { quitter.Connect(url.Host, url.Port); quitter.GetStream().Write("POST /api/led HTTP/1.1\r\nContent-Length: 40\r\n\r\n{\"on\""u8); } catch (SocketException) { }
            }

            // Once the slow ones timed out (408) a good client is served.
            using var http = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(10) };
            HttpResponseMessage? ok = null;
            var deadline = DateTime.UtcNow.AddSeconds(40);
            while (ok?.StatusCode != System.Net.HttpStatusCode.OK && DateTime.UtcNow < deadline)
            {
                // While the slow clients hold the links a request may be refused (503) or time out (408): try again.
                try { ok = await http.GetAsync("/api/status"); }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException) { }
                if (ok?.StatusCode != System.Net.HttpStatusCode.OK) await Task.Delay(200);
            }
            Assert.NotNull(ok);
            Assert.Equal(System.Net.HttpStatusCode.OK, ok!.StatusCode);

            // A header far beyond what the board buffers: refused with a 4xx, not a crash.
            var huge = "GET / HTTP/1.1\r\nX-Big: " + new string('a', 20_000) + "\r\n\r\n";
            string answer = Raw(url, huge);
            Assert.Matches(@"^HTTP/1\.1 4\d\d ", answer);
            Assert.Equal(System.Net.HttpStatusCode.OK, (await http.GetAsync("/api/status")).StatusCode);
        }
        finally
        {
            foreach (var c in held) c.Dispose();
            stop.Set();
            Assert.True(thread.Join(TimeSpan.FromSeconds(30)));
        }
        Assert.Equal(0, exit);
    }

    private static string Raw(Uri url, string request)
    {
        using var client = new TcpClient(url.Host, url.Port) { ReceiveTimeout = 15_000 };
        var s = client.GetStream();
        try { s.Write(Encoding.ASCII.GetBytes(request)); } catch (IOException) { } // the server may answer and close before all was sent
        var got = new MemoryStream();
        var buf = new byte[1024];
        try { int n; while ((n = s.Read(buf)) > 0) got.Write(buf, 0, n); } catch (IOException) { }
        return Encoding.ASCII.GetString(got.ToArray());
    }
}
