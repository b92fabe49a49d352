using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Esp32At.Demos.HttpServer;

namespace Esp32At.Tests.Demos;

/// <summary>
/// <c>--https</c> (issue 19): the server demo's ESP terminates TLS with a certificate issued at start-up by a throwaway
/// CA. A real HTTPS client that trusts only that CA (from the file the demo names) verifies the chain and the
/// 127.0.0.1 name, and gets the page and API; a plain HTTP request to the same port gets no HTTP answer.
/// </summary>
[Collection(DemoCollection.Name)]
public class HttpsServerDemoTests
{
    [Fact]
    public async Task AClientTrustingOnlyTheRunsCaVerifiesTheServerAndGetsTheApi()
    {
        var log = new ServerLog();
        using var stop = new ManualResetEvent(false);
        int exit = -1;
        X509Certificate2? served = null;
        var thread = new Thread(() => exit = HttpServerDemo.Run(["--speed", "0", "--https", "--listen-port", "8443", "--seconds", "120"], log, stop));
        thread.Start();
        string? caFile = null;
        try
        {
            Assert.True(log.UrlKnown.Wait(TimeSpan.FromSeconds(60)), log.Text);
            var url = new Uri(log.Url!);
            Assert.Equal("https", url.Scheme);
            caFile = log.Lines.Single(l => l.StartsWith(HttpServerDemo.CaPrefix)).Substring(HttpServerDemo.CaPrefix.Length).Split(' ')[0];
            using var ca = X509Certificate2.CreateFromPem(File.ReadAllText(caFile));
            log.WaitForLine(l => l.Contains($"curl --cacert {caFile} {url}api/status")); // printed right after the URL

            var policy = new X509ChainPolicy { TrustMode = X509ChainTrustMode.CustomRootTrust, RevocationMode = X509RevocationMode.NoCheck };
            policy.CustomTrustStore.Add(ca);
            var handler = new SocketsHttpHandler();
            handler.SslOptions.CertificateChainPolicy = policy; // the platform's own validation, trusting this CA only
            handler.SslOptions.RemoteCertificateValidationCallback = (_, cert, _, errors) =>
            {
                served = new X509Certificate2(cert!);
                return errors == SslPolicyErrors.None;
            };
            using var http = new HttpClient(handler) { BaseAddress = url, Timeout = TimeSpan.FromSeconds(30) };

            var status = await http.GetAsync("/api/status");
            Assert.Equal(HttpStatusCode.OK, status.StatusCode);
            Assert.StartsWith("{\"uptime_s\":", await status.Content.ReadAsStringAsync());
            Assert.NotNull(served);
            Assert.Equal(ca.Subject, served!.Issuer);
            log.WaitForAnswers(1);
            var led = await http.PostAsync("/api/led", new StringContent("{\"on\": true}", Encoding.UTF8, "application/json"));
            Assert.Equal("{\"led\":true}", await led.Content.ReadAsStringAsync());
            log.WaitForAnswers(2);

            Assert.Equal("", PlainHttp(url));
        }
        finally
        {
            stop.Set();
            Assert.True(thread.Join(TimeSpan.FromSeconds(30)));
        }
        Assert.Equal(0, exit);
        Assert.False(File.Exists(caFile), "the demo removes its CA file when it stops");
    }

    /// <summary>What a plain-text request to the TLS port reads back before the server closes (no HTTP answer).</summary>
    private static string PlainHttp(Uri url)
    {
        using var client = new TcpClient();
        client.Connect(url.Host, url.Port);
        client.ReceiveTimeout = 15_000;
        var stream = client.GetStream();
        stream.Write("GET /api/status HTTP/1.1\r\nHost: x\r\n\r\n"u8);
        var got = new MemoryStream();
        var buf = new byte[512];
        try
        {
            int n;
            while ((n = stream.Read(buf)) > 0) got.Write(buf, 0, n);
        }
        catch (IOException)
        {
            // reset by the TLS server: nothing readable came back
        }
        var text = Encoding.ASCII.GetString(got.ToArray());
        return text.Contains("HTTP/1.1") ? text : "";
    }
}
