using GHIElectronics.TinyCLR.Framework;
using System.Net;
using System.Text;
using Xunit.Abstractions;

namespace Esp32At.Tests.TinyClr;

/// <summary>
/// The GHI call sequences of <see cref="GhiSequenceTests"/>, now through <c>RecordingProvider(real Esp32AtNetworkProvider)</c>
/// over the emulator with real host peers: the recorded provider calls, the AT bytes on the wire and the results.
/// </summary>
[Collection("GhiHttpPool")]
public sealed class GhiEndToEndTests : IDisposable
{
    private readonly ITestOutputHelper output;
    private readonly ProviderFixture f = new();
    private readonly RecordingProvider p;
    private readonly WireLog wire;

    public GhiEndToEndTests(ITestOutputHelper output)
    {
        this.output = output;
        FrameworkHttpWebRequest.ClearPool();
        p = new RecordingProvider(f.Provider);
        wire = new WireLog(f.Emulator.Port);
    }

    public void Dispose()
    {
        FrameworkHttpWebRequest.ClearPool();
        wire.Dispose();
        f.Dispose();
    }

    private static string[] Connect(int h, int port, string host = "echo.test") => new[]
    {
        $"GetHostByName({host})", "Create(Stream,Tcp)", $"SetOption({h},Socket,ReuseAddress,1)", $"SetOption({h},Tcp,NoDelay,1)",
        $"Connect({h},127.0.0.1:{port})", $"Poll({h},-1,SelectWrite)", $"GetRemoteAddress({h})", $"GetOption({h},Socket,Type)",
    };

    /// <summary>
    /// Input.cs#L110-L147 refills its 256-byte buffer with Available-sized reads (1 when nothing is there yet), so how
    /// many Available/Receive rounds a response takes depends on when its bytes arrive. This folds such a run into
    /// "read(h)" after checking it holds only those calls and that its first read is 1 byte or the whole <paramref name="total"/> (0: any).
    /// </summary>
    private static string[] FoldReads(string[] calls, int h, string receive, int total)
    {
        var folded = new List<string>();
        bool first = true;
        foreach (var c in calls)
        {
            bool isAvailable = c == $"Available({h})" || c == $"Available({h})*";
            bool isReceive = c.StartsWith($"{receive}({h},", StringComparison.Ordinal);
            if (!isAvailable && !isReceive)
            {
                folded.Add(c);
                continue;
            }
            if (isReceive && first && total > 0)
            {
                Assert.Contains(c.TrimEnd('*'), new[] { $"{receive}({h},1)", $"{receive}({h},{total})" });
                first = false;
            }
            if (folded.Count == 0 || folded[^1] != $"read({h})") folded.Add($"read({h})");
        }
        return folded.ToArray();
    }

    private static string Head(string path, int port, string host = "echo.test") =>
        $"GET {path} HTTP/1.1\\r\\nHost: {host}:{port}\\r\\nConnection: Keep-Alive\\r\\n\\r\\n";

    /// <summary>
    /// HttpWebRequest.cs#L1087-L1283 + Input.cs#L110-L147 + HttpWebResponse.cs#L255-L281 over the real provider: the
    /// server answers "Connection: close" and waits; GHI closes the socket and the provider sends AT+CIPCLOSE for it.
    /// </summary>
    [Fact]
    public void HttpWebRequest_ContentLength_CallsWireAndBody()
    {
        const string response = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello";
        using var server = new HostHttpServer((c, r) => (response, false));
        var r = new FrameworkHttpWebRequest(p, new Uri("http://echo.test:" + server.Port + "/a")).GetResponse();
        Assert.Equal(200, r.StatusCode);
        Assert.Equal("hello", Encoding.ASCII.GetString(r.ReadBody()));
        r.Close();
        Assert.Equal(Connect(1, server.Port).Concat(new[] { "Send(1,66)", "read(1)", "Close(1)" }), FoldReads(p.Calls, 1, "Receive", response.Length));
        Assert.Equal(new[]
        {
            "AT+CIPDOMAIN=\"echo.test\"\\r\\n", $"AT+CIPSTART=0,\"TCP\",\"127.0.0.1\",{server.Port},,,20000\\r\\n", "AT+CIPTCPOPT=0,-1,1,0,0\\r\\n",
            "AT+CIPSEND=0,66\\r\\n", Head("/a", server.Port), "AT+CIPRECVDATA=0,5760\\r\\n", "AT+CIPCLOSE=0\\r\\n",
        }, wire.Sent("AT+CIP", "GET "));
        Assert.Equal(new[] { "0:" + Head("/a", server.Port).Replace("\\r\\n", "\r\n") }, server.Heads);
        Assert.False(f.Emulator.Links.Any);
    }

    /// <summary>Input.cs#L187-L237: the chunked body decodes through the buffer; no Connection header closes it (HttpWebResponse.cs#L264-L281).</summary>
    [Fact]
    public void HttpWebRequest_Chunked_CallsWireAndBody()
    {
        const string response = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n";
        using var server = new HostHttpServer((c, r) => (response, false));
        var r = new FrameworkHttpWebRequest(p, new Uri("http://echo.test:" + server.Port + "/c")).GetResponse();
        Assert.True(r.Chunked);
        Assert.Equal("abcde", Encoding.ASCII.GetString(r.ReadBody()));
        r.Close();
        Assert.Equal(Connect(1, server.Port).Concat(new[] { "Send(1,66)", "read(1)", "Close(1)" }), FoldReads(p.Calls, 1, "Receive", response.Length));
        Assert.Equal(new[] { "AT+CIPSEND=0,66\\r\\n", Head("/c", server.Port), "AT+CIPRECVDATA=0,5760\\r\\n", "AT+CIPCLOSE=0\\r\\n" },
            wire.Sent("AT+CIPSEND", "GET ", "AT+CIPRECVDATA", "AT+CIPCLOSE"));
        Assert.False(f.Emulator.Links.Any);
    }

    /// <summary>
    /// A kept-alive connection the server then drops: the release thread's Poll(1 s, SelectRead) is true at the end of
    /// stream and Available 0 ends the flush (Input.cs#L239-L271); the next request's pool check Poll(1 µs, SelectWrite)
    /// is false (or expired before asking, Socket.cs#L455), so GHI closes the pooled socket (no AT+CIPCLOSE: the ESP
    /// already freed link 0 with "0,CLOSED") and connects again (HttpWebRequest.cs#L1105-L1133).
    /// </summary>
    [Fact]
    public void HttpWebRequest_KeepAliveThenDroppedByTheServer_PooledSocketClosedAndANewConnection()
    {
        const string first = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: keep-alive\r\n\r\nok";
        const string second = "HTTP/1.1 200 OK\r\nContent-Length: 3\r\nConnection: close\r\n\r\nnew";
        using var server = new HostHttpServer((c, r) => c == 0 ? (first, true) : (second, false));
        var r = new FrameworkHttpWebRequest(p, new Uri("http://echo.test:" + server.Port + "/1")).GetResponse();
        Assert.Equal("ok", Encoding.ASCII.GetString(r.ReadBody()));
        var pooled = r.Connection;
        r.Close();
        pooled.JoinRelease();
        Assert.Equal(Connect(1, server.Port).Concat(new[] { "Send(1,66)", "read(1)", "Poll(1,1000000,SelectRead)", "read(1)" }),
            FoldReads(p.Calls, 1, "Receive", first.Length).Select(c => c.TrimEnd('*')));
        Assert.Equal(1, pooled.Socket.Handle); // kept: the pool still holds it
        p.Clear();
        var r2 = new FrameworkHttpWebRequest(p, new Uri("http://echo.test:" + server.Port + "/2")).GetResponse();
        Assert.Equal("new", Encoding.ASCII.GetString(r2.ReadBody()));
        r2.Close();
        Assert.NotSame(pooled, r2.Connection);
        Assert.Equal(new[] { "Close(1)" }.Concat(Connect(2, server.Port)).Concat(new[] { "Send(2,66)", "read(2)", "Close(2)" }),
            FoldReads(p.Calls.Where(c => c != "Poll(1,1,SelectWrite)").ToArray(), 2, "Receive", second.Length));
        Assert.Equal(new[]
        {
            "AT+CIPSTART", "AT+CIPSEND=0,66\\r\\n", "AT+CIPRECVDATA=0,5760\\r\\n",
            "AT+CIPSTART", "AT+CIPSEND=0,66\\r\\n", "AT+CIPRECVDATA=0,5760\\r\\n", "AT+CIPCLOSE=0\\r\\n",
        }, wire.Sent("AT+CIPSTART", "AT+CIPSEND", "AT+CIPRECVDATA", "AT+CIPCLOSE").Select(w => w.StartsWith("AT+CIPSTART") ? "AT+CIPSTART" : w));
        Assert.Equal(2, server.Connections);
        Assert.Equal(new[] { "0:" + Head("/1", server.Port), "1:" + Head("/2", server.Port) }, server.Heads.Select(h => h.Replace("\r\n", "\\r\\n")));
        Assert.False(f.Emulator.Links.Any);
    }

    /// <summary>
    /// HttpListener.cs#L383-L427 and #L273-L381 over the real provider, a host HttpClient as the peer; Response.cs#L181-L203
    /// (two Sends of the head, then the body), #L419-L444 (Close of the client). After Stop the accept thread's Socket
    /// calls the provider with the closed handle -1 (Socket.cs#L172-L176 reads m_Handle after Poll ended): the provider
    /// throws SocketException(NotSocket), which HttpListener's loop catches (#L304) and, no longer running, leaves.
    /// </summary>
    [Fact]
    public async Task HttpListener_ServesAHostHttpClient_ThenStopsOnAcceptOfHandleMinusOne()
    {
        var l = new FrameworkHttpListener(p, "http", 8080);
        l.Start();
        using var http = new HttpClient();
        // Headers only: HttpClient then leaves the connection open until its content is read, so GHI's Close of the
        // client is the first close (an AT+CIPCLOSE) rather than racing HttpClient's own close after "Connection: Close".
        var get = http.GetAsync("http://" + f.Emulator.Links.Ports.TcpServer(8080) + "/x?y=1", HttpCompletionOption.ResponseHeadersRead);
        var c = l.GetContext();
        Assert.Equal("GET", c.HttpMethod);
        Assert.Equal("/x?y=1", c.RawUrl);
        c.ContentLength64 = 2;
        c.Write("hi");
        c.Close();
        var response = await get;
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        l.Close();
        Assert.Equal("hi", await response.Content.ReadAsStringAsync());
        Assert.False(l.IsListening);
        Assert.True(l.AcceptLoopEnded);
        var calls = p.Calls.Select(x => x.TrimEnd('*')).ToArray();
        int closed = Array.IndexOf(calls, "Close(1)");
        Assert.Equal(new[] { "SetOption(1,Tcp,NoDelay,1)", "SetOption(1,Socket,ReuseAddress,1)", "Bind(1,16:0.0.0.0:8080)", "Listen(1,10)",
            "Poll(1,-1,SelectRead)", "Accept(1)", "Poll(1,-1,SelectRead)", "Close(1)" }, p.CallsOn(1).Select(x => x.TrimEnd('*')).TakeWhile(x => x != "Close(1)").Append("Close(1)"));
        // After the close: a Poll already under way on handle 1 (Socket.Dispose closes before it sets m_Handle = -1,
        // Socket.cs#L471-L478), then Poll or Accept with -1; each throws SocketException(NotSocket) and the loop ends.
        var after = calls.Skip(closed + 1).ToArray();
        Assert.NotEmpty(after);
        Assert.All(after, x => Assert.Contains(x, new[] { "Poll(1,-1,SelectRead)", "Poll(-1,-1,SelectRead)", "Accept(-1)" }));
        var onClient = FoldReads(p.CallsOn(2), 2, "Receive", 0); // the request head's length depends on the mapped port
        Assert.Equal(new[] { "SetOption(2,Tcp,NoDelay,1)", "GetRemoteAddress(2)", "GetOption(2,Socket,Type)", "read(2)",
            "Send(2,17)", "Send(2,40)", "Send(2,2)", "Close(2)" }, onClient);
        Assert.Equal(new[]
        {
            "AT+CIPSERVERMAXCONN=5\\r\\n", "AT+CIPSERVER=1,8080\\r\\n", "AT+CIPSEND=0,17\\r\\n", "HTTP/1.1 200 OK\\r\\n",
            "AT+CIPSEND=0,40\\r\\n", "Content-Length: 2\\r\\nConnection: Close\\r\\n\\r\\n", "AT+CIPSEND=0,2\\r\\n", "hi", "AT+CIPCLOSE=0\\r\\n", "AT+CIPSERVER=0\\r\\n",
        }, wire.Sent("AT+CIPSERVER", "AT+CIPSEND", "AT+CIPCLOSE", "HTTP/", "Content-Length", "hi"));
        Assert.False(f.Emulator.Links.Any);
    }

    /// <summary>
    /// HttpWebRequest.cs#L1193 and #L1212-L1221 against a host TLS server whose CA the request passes (stored with
    /// AT+SYSMFG, verified with auth mode 2); Input.cs#L456-L471 closes only the TLS handle, which is the socket's, so the
    /// ESP link is closed (AT+CIPCLOSE) and no link id leaks although GHI never closes that Socket object.
    /// </summary>
    [Fact]
    public void HttpWebRequest_Https_AgainstAHostTlsServer_TlsHandleCloseFreesTheLink()
    {
        var certs = Esp32At.Tests.EmulatorNet.TestCertificates.Shared;
        const string name = Esp32At.Tests.EmulatorNet.TestCertificates.ServerName;
        const string response = "HTTP/1.1 200 OK\r\nContent-Length: 6\r\n\r\nsecure";
        string? head = null;
        using var server = new Esp32At.Tests.EmulatorNet.TlsLoopbackServer(ssl =>
        {
            var h = new StringBuilder();
            int b;
            while (!h.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal) && (b = ssl.ReadByte()) >= 0) h.Append((char)b);
            head = h.ToString();
            ssl.Write(Encoding.ASCII.GetBytes(response));
            ssl.Flush();
            ssl.ReadByte(); // until the client closes
        });
        f.Emulator.Links.Dns.Add(name, IPAddress.Loopback);
        var request = new FrameworkHttpWebRequest(p, new Uri($"https://{name}:{server.Port}/s"))
        {
            CaCertificate = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(certs.CaPem),
        };
        var r = request.GetResponse();
        Assert.Equal("secure", Encoding.ASCII.GetString(r.ReadBody()));
        var socket = r.Connection.Socket;
        r.Close();
        Assert.Equal(Connect(1, server.Port, name).Concat(new[]
        {
            "GetRemoteAddress(1)", "GetOption(1,Socket,Type)", $"AuthenticateAsClient(1,{name},ca,no cert,None,Optional)", "SecureWrite(1,71)",
            "read(1)", "Close(1)",
        }), FoldReads(p.Calls, 1, "SecureRead", response.Length));
        Assert.Equal(name, server.ServerName);
        Assert.Equal(Head("/s", server.Port, name).Replace("\\r\\n", "\r\n"), head);
        Assert.Equal(new[]
        {
            $"AT+SYSMFG=2,\"client_ca\",\"client_ca.0\",8,{certs.CaPem.Length}\\r\\n", "AT+CIPSSLCCONF=0,2,0,0\\r\\n", $"AT+CIPSSLCSNI=0,\"{name}\"\\r\\n",
            $"AT+CIPSTART=0,\"SSL\",\"127.0.0.1\",{server.Port},,,20000\\r\\n", "AT+CIPSEND=0,71\\r\\n", "AT+CIPRECVDATA=0,5760\\r\\n", "AT+CIPCLOSE=0\\r\\n",
        }, wire.Sent("AT+SYSMFG", "AT+CIPSSLCCONF", "AT+CIPSSLCSNI", "AT+CIPSTART", "AT+CIPSEND", "AT+CIPRECVDATA", "AT+CIPCLOSE"));
        Assert.Equal(1, socket.Handle); // GHI's Socket object stays open ...
        Assert.Equal(System.Net.Sockets.SocketError.NotSocket,     // ... but the provider's handle and the ESP link are gone
            Assert.Throws<System.Net.Sockets.SocketException>(() => f.Provider.Available(1)).SocketErrorCode);
        Assert.False(f.Emulator.Links.Any);
    }
}
