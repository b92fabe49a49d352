using GHIElectronics.TinyCLR.Framework;
using GHIElectronics.TinyCLR.Networking;
using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Text;

namespace Esp32At.Tests.TinyClr;

/// <summary>
/// The exact provider calls GHI's TinyCLR 2.2.1.2000 classes make (ghi-electronics/TinyCLR-Libraries@a9c94720, files
/// under GHIElectronics.TinyCLR.Networking/ and GHIElectronics.TinyCLR.Networking.Http/), through the shim's ports,
/// recorded on a scripted provider. Each test names the GHI lines it reproduces.
/// </summary>
[Collection("GhiHttpPool")]
public sealed class GhiSequenceTests : IDisposable
{
    private readonly RecordingProvider p = new();

    public GhiSequenceTests() => FrameworkHttpWebRequest.ClearPool();

    public void Dispose() => FrameworkHttpWebRequest.ClearPool();

    private void AssertCalls(params string[] expected) => Assert.Equal(string.Join("\n", expected), string.Join("\n", p.Calls));

    [Fact]
    public void Socket_Connect_IsConnectThenPollOfSendTimeoutAsMicrosecondsForWrite_SocketCs141()
    {
        using var s = new FrameworkSocket(p) { SendTimeout = 2000 };
        s.Connect(new IPEndPoint(IPAddress.Loopback, 80));
        AssertCalls("Create(Stream,Tcp)", "Connect(1,127.0.0.1:80)", "Poll(1,2000,SelectWrite)");
    }

    [Fact]
    public void Socket_ConnectOnADroppedLink_IsSocketExceptionSocketError_SocketCs148()
    {
        using var s = new FrameworkSocket(p) { SendTimeout = 1 };
        p.Dropped.Add(1);
        var e = Assert.Throws<SocketException>(() => s.Connect(new IPEndPoint(IPAddress.Loopback, 80)));
        Assert.Equal(SocketError.SocketError, e.SocketErrorCode);
    }

    [Fact]
    public void Socket_AvailableAndPoll_PassTheCallersMicrosecondsOnEveryRound_SocketCs66_SocketCs450()
    {
        using var s = new FrameworkSocket(p);
        p.Deliver(1, "ab");
        Assert.Equal(2, s.Available);
        Assert.True(s.Poll(5_000_000, SelectMode.SelectRead));
        Assert.False(s.Poll(3000, SelectMode.SelectError));
        Assert.Equal("Create(Stream,Tcp)", p.Calls[0]);
        Assert.Equal("Available(1)", p.Calls[1]);
        Assert.Equal("Poll(1,5000000,SelectRead)", p.Calls[2]);
        Assert.Equal("Poll(1,3000,SelectError)", p.Calls[3].TrimEnd('*')); // looped with 1 ms sleeps until the 3 ms passed (one round on a loaded host)
        Assert.Equal(4, p.Calls.Length);
    }

    [Fact]
    public void Socket_AcceptAndClose_PollForeverThenAcceptThenOneCloseEach_SocketCs165_SocketCs471()
    {
        using var listener = new FrameworkSocket(p);
        listener.Bind(new IPEndPoint(IPAddress.Any, 8080));
        listener.Listen(10);
        p.AcceptQueue.Enqueue(7);
        var client = listener.Accept();
        client.Close();
        client.Close();
        listener.Close();
        AssertCalls("Create(Stream,Tcp)", "Bind(1,16:0.0.0.0:8080)", "Listen(1,10)", "Poll(1,-1,SelectRead)", "Accept(1)", "Close(7)", "Close(1)");
    }

    [Fact]
    public void Socket_Receive_RetriesOnZeroAndEndsWithZeroOnNegative_SocketCs294()
    {
        using var s = new FrameworkSocket(p) { ReceiveTimeout = 5000 };
        p.Deliver(1, "hi");
        var buffer = new byte[8];
        Assert.Equal(2, s.Receive(buffer));
        p.PeerClosed.Add(1);
        Assert.Equal(0, s.Receive(buffer));
        AssertCalls("Create(Stream,Tcp)", "Receive(1,8)*"); // twice: 2 bytes, then -1 (end of stream) read as 0
    }

    [Fact]
    public void Socket_ReceiveTimeout_IsAPlainExceptionNotASocketException_SocketCs326()
    {
        using var s = new FrameworkSocket(p) { ReceiveTimeout = 20 };
        var e = Assert.Throws<Exception>(() => s.Receive(new byte[4]));
        Assert.Equal("Socket receive timeout", e.Message);
        AssertCalls("Create(Stream,Tcp)", "Receive(1,4)*");
    }

    [Fact]
    public void NetworkStream_ConstructReadWrite_RemoteAddressTypeAvailableReceiveSend_NetworkStreamCs73_Cs292_Cs387()
    {
        using var s = new FrameworkSocket(p);
        var ns = new FrameworkNetworkStream(s, true);
        p.Deliver(1, "hello");
        var buffer = new byte[64];
        Assert.Equal(5, ns.Read(buffer, 0, buffer.Length));
        ns.Write(Encoding.ASCII.GetBytes("abc"), 0, 3);
        ns.Close();
        AssertCalls("Create(Stream,Tcp)", "GetRemoteAddress(1)", "GetOption(1,Socket,Type)", "Available(1)", "Receive(1,5)", "Send(1,3)", "Close(1)");
    }

    [Fact]
    public void SslStream_AuthenticateAsClient_OneCallWithNoneAndOptional_ThenSecureReadWriteAndCloseOfTheTlsHandle_SslStreamCs18_Cs30_Cs69()
    {
        using var s = new FrameworkSocket(p);
        s.Connect(new IPEndPoint(IPAddress.Loopback, 443));
        var ssl = new FrameworkSslStream(s);
        ssl.AuthenticateAsClient("example.com");
        ssl.Write(Encoding.ASCII.GetBytes("GET"), 0, 3);
        p.Deliver(1, "ok");
        var buffer = new byte[16];
        Assert.Equal(2, ssl.Read(buffer, 0, 16));
        Assert.Equal(0, ssl.Length);
        ssl.Dispose();
        AssertCalls("Create(Stream,Tcp)", "Connect(1,127.0.0.1:443)", "Poll(1,-1,SelectWrite)", "GetRemoteAddress(1)", "GetOption(1,Socket,Type)",
            $"AuthenticateAsClient(1,example.com,no ca,no cert,{SslProtocols.None},Optional)", "SecureWrite(1,3)", "SecureRead(1,16)", "Available(1)", "Close(1)");
    }

    [Fact]
    public void Dns_GetHostEntry_OneGetHostByName_DnsCs12()
    {
        var entry = FrameworkDns.GetHostEntry(p, "echo.test");
        Assert.Equal(IPAddress.Loopback, entry.AddressList.Single());
        AssertCalls("GetHostByName(echo.test)");
    }

    private static readonly string[] HttpConnect =
    {
        "GetHostByName(echo.test)", "Create(Stream,Tcp)", "SetOption(1,Socket,ReuseAddress,1)", "SetOption(1,Tcp,NoDelay,1)",
        "Connect(1,127.0.0.1:80)", "Poll(1,-1,SelectWrite)", "GetRemoteAddress(1)", "GetOption(1,Socket,Type)",
    };

    /// <summary>
    /// HttpWebRequest.cs#L1087-L1238 (pool, DNS, options, Connect, NetworkStream), #L1283 (one Write of the head),
    /// Input.cs#L110-L147 (Available sizes each refill), HttpWebResponse.cs#L255-L293 + Input.cs#L239-L297 (kept alive:
    /// a thread polls 1 s for leftovers). The pool check is Poll(1 µs, SelectWrite) through Socket.Poll, whose deadline
    /// (now + 10 ticks) has usually passed before its loop's first round (Socket.cs#L455-L457): then the provider is not
    /// asked, the check is false, and the pooled connection is closed and a new one opened. On a board (microseconds per
    /// IL instruction) that is always the case, so GHI 2.2.1.2000 never reuses a kept-alive connection.
    /// </summary>
    [Fact]
    public void HttpWebRequest_ContentLengthKeepAlive_PoolCheckIsPoll1usForWrite_UsuallyExpiredSoANewConnection_HttpWebRequestCs1105()
    {
        p.Deliver(1, "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nConnection: keep-alive\r\n\r\nhello");
        var r = new FrameworkHttpWebRequest(p, new Uri("http://echo.test/a")).GetResponse();
        Assert.Equal("hello", Encoding.ASCII.GetString(r.ReadBody()));
        var first = r.Connection;
        r.Close();
        first.JoinRelease();
        Assert.Equal(HttpConnect.Concat(new[] { "Send(1,63)", "Available(1)*", "Receive(1,67)", "Poll(1,1000000,SelectRead)*" }), p.Calls);
        p.Clear();
        p.Deliver(1, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: keep-alive\r\n\r\nok");
        p.Deliver(2, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: keep-alive\r\n\r\nok");
        var r2 = new FrameworkHttpWebRequest(p, new Uri("http://echo.test/b")).GetResponse();
        Assert.Equal("ok", Encoding.ASCII.GetString(r2.ReadBody()));
        if (p.Calls[0] == "Poll(1,1,SelectWrite)")
        {
            Assert.Same(first, r2.Connection); // the rare host run where the 1 µs had not passed yet
            Assert.Equal("Send(1,63)", p.Calls[1]);
        }
        else
        {
            Assert.NotSame(first, r2.Connection);
            Assert.Equal(new[] { "Close(1)", "GetHostByName(echo.test)", "Create(Stream,Tcp)" }, p.Calls.Take(3));
            Assert.StartsWith("GET /b HTTP/1.1\r\nHost: echo.test:80\r\nConnection: Keep-Alive\r\n\r\n", p.SentText(2));
        }
        r2.Close();
    }

    /// <summary>HttpWebRequest.cs#L1105-L1133: a pooled socket whose Poll(SelectWrite) is false is disposed (Close) before a new connection.</summary>
    [Fact]
    public void HttpWebRequest_DroppedPooledSocket_IsClosedAndANewOneConnected_HttpWebRequestCs1127()
    {
        p.Deliver(1, "HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: keep-alive\r\n\r\n");
        var r = new FrameworkHttpWebRequest(p, new Uri("http://echo.test/")).GetResponse();
        var first = r.Connection;
        r.Close();
        first.JoinRelease();
        p.Dropped.Add(1);
        p.Clear();
        p.Deliver(2, "HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n");
        var r2 = new FrameworkHttpWebRequest(p, new Uri("http://echo.test/")).GetResponse();
        Assert.Equal(204, r2.StatusCode);
        r2.Close();
        var calls = p.Calls.Where(c => c != "Poll(1,1,SelectWrite)").ToArray();
        Assert.Equal(new[] { "Close(1)" }.Concat(HttpConnect.Select(c => c.Replace("(1,", "(2,").Replace("(1)", "(2)")))
            .Concat(new[] { "Send(2,62)", "Available(2)*", "Receive(2,46)", "Close(2)" }), calls);
    }

    /// <summary>Input.cs#L187-L237 and #L644-: chunks decode through the 256-byte buffer; "Connection" absent closes the connection (HttpWebResponse.cs#L264-L281).</summary>
    [Fact]
    public void HttpWebRequest_Chunked_DecodesThroughTheBufferedReaderAndClosesWithoutAConnectionHeader_InputCs187()
    {
        p.Deliver(1, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n");
        var r = new FrameworkHttpWebRequest(p, new Uri("http://echo.test/")).GetResponse();
        Assert.Equal("abcde", Encoding.ASCII.GetString(r.ReadBody()));
        r.Close();
        Assert.Equal(HttpConnect.Concat(new[] { "Send(1,62)", "Available(1)*", "Receive(1,67)", "Close(1)" }), p.Calls);
    }

    /// <summary>
    /// HttpWebRequest.cs#L1193 and #L1212-L1221: NetworkStream (GetRemoteAddress, GetOption Type), then SslStream over the
    /// same socket (the same two calls again), AuthenticateAsClient(host, no CA, None, Optional); the stream does not own
    /// the socket for https, so disposing closes the TLS handle only (Input.cs#L456-L471, SslStream.cs#L69-L79).
    /// </summary>
    [Fact]
    public void HttpWebRequest_Https_SslStreamOverTheSameSocketAndOnlyTheTlsHandleClosed_HttpWebRequestCs1212()
    {
        p.Deliver(1, "HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nx");
        var r = new FrameworkHttpWebRequest(p, new Uri("https://echo.test/")).GetResponse();
        Assert.Equal("x", Encoding.ASCII.GetString(r.ReadBody()));
        r.Close();
        Assert.Equal(HttpConnect.Select(c => c.Replace(":80)", ":443)")).Concat(new[]
        {
            "GetRemoteAddress(1)", "GetOption(1,Socket,Type)", "AuthenticateAsClient(1,echo.test,no ca,no cert,None,Optional)",
            "SecureWrite(1,63)", "Available(1)", "SecureRead(1,39)", "Close(1)",
        }), p.Calls);
    }

    /// <summary>
    /// HttpListener.cs#L383-L427 (NoDelay, ReuseAddress, Bind Any, Listen 10), #L273-L381 (Poll -1 + Accept, client NoDelay,
    /// NetworkStream owning it), Response.cs#L181-L203 (status line and headers: two Sends, then the body), #L419-L444
    /// (not keep-alive: Close of the client); Stop closes the listener (#L453-L498).
    /// </summary>
    [Fact]
    public void HttpListener_AcceptLoopAndResponseClose_HttpListenerCs273_ResponseCs396()
    {
        var l = new FrameworkHttpListener(p, "http", 80);
        p.Deliver(5, "GET /x HTTP/1.1\r\nHost: a\r\n\r\n");
        p.AcceptQueue.Enqueue(5);
        l.Start();
        var c = l.GetContext();
        Assert.Equal("/x", c.RawUrl);
        c.ContentLength64 = 2;
        c.Write("hi");
        c.Close();
        // The accept thread is back in its Poll rounds before the listener closes (else the close can come first and
        // the sequence below has no second Poll: a race of the test, not of the listener).
        Assert.True(SpinWait.SpinUntil(() => p.CallsOn(1).SkipWhile(x => x != "Accept(1)").Any(x => x.StartsWith("Poll(1,")), 5000),
            "the accept loop did not poll again after its accept");
        l.Close();
        Assert.False(l.IsListening);
        Assert.Equal(new[]
        {
            "SetOption(5,Tcp,NoDelay,1)", "GetRemoteAddress(5)", "GetOption(5,Socket,Type)", "Available(5)*", "Receive(5,28)",
            "Send(5,17)", "Send(5,40)", "Send(5,2)", "Close(5)",
        }, p.CallsOn(5));
        Assert.Equal(new[] { "SetOption(1,Tcp,NoDelay,1)", "SetOption(1,Socket,ReuseAddress,1)", "Bind(1,16:0.0.0.0:80)", "Listen(1,10)",
            "Poll(1,-1,SelectRead)", "Accept(1)", "Poll(1,-1,SelectRead)", "Close(1)" }, p.CallsOn(1).Select(c => c.TrimEnd('*'))); // runs: 1 ms rounds
        Assert.Equal("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: Close\r\n\r\nhi", p.SentText(5));
    }
}
