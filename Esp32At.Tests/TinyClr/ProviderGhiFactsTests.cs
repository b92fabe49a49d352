using GHIElectronics.TinyCLR.Framework;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Esp32At.Links;
using Esp32At.Tests.EmulatorNet;

namespace Esp32At.Tests.TinyClr;

/// <summary>
/// What GHI's 2.2.1.2000 classes rely on the provider for, found by reading them
/// (ghi-electronics/TinyCLR-Libraries@a9c94720), checked on the real provider over the emulator with the AT bytes.
/// </summary>
public class ProviderGhiFactsTests
{
    /// <summary>
    /// HttpWebRequest.cs#L1105-L1133 reuses a pooled socket only when Poll(1 µs, SelectWrite) is true: a socket whose peer
    /// closed must answer false (once the ESP said "0,CLOSED", and after the end of stream was read), so GHI reconnects; closing it
    /// then sends no AT+CIPCLOSE (the ESP freed link 0 with "0,CLOSED"; the id may already be another link's).
    /// </summary>
    [Fact]
    public void APeerClosedSocketIsNotWritable_SoGhisPoolReconnects()
    {
        using var server = new LoopbackServer(st => { st.ReadByte(); st.Write(Encoding.ASCII.GetBytes("bye")); });
        using var f = new ProviderFixture();
        using var wire = new WireLog(f.Emulator.Port);
        using var s = f.Tcp();
        s.Connect(new IPEndPoint(IPAddress.Loopback, server.Port));
        Assert.True(f.Provider.Poll(s.Handle, 1, SelectMode.SelectWrite)); // connect deferred: writable
        s.Send(new byte[] { 1 });
        Assert.True(f.Provider.Poll(s.Handle, 1, SelectMode.SelectWrite)); // open
        Assert.True(s.Poll(5_000_000, SelectMode.SelectRead));
        Assert.Equal(3, s.Available);
        var buffer = new byte[8];
        Assert.Equal(3, s.Receive(buffer));
        // The emulator, as ESP-AT in passive mode, reports "0,CLOSED" once the ESP's buffer was read out.
        Assert.True(SpinWait.SpinUntil(() => f.Provider.Table.StateOf(0) == LinkState.RemoteClosed, 5000));
        Assert.False(f.Provider.Poll(s.Handle, 1, SelectMode.SelectWrite));
        Assert.Equal(0, s.Receive(buffer)); // end of stream
        Assert.False(f.Provider.Poll(s.Handle, 1, SelectMode.SelectWrite));
        s.Close();
        Assert.Equal(new[] { $"AT+CIPSTART=0,\"TCP\",\"127.0.0.1\",{server.Port},,,20000\\r\\n", "AT+CIPSEND=0,1\\r\\n", "AT+CIPRECVDATA=0,5760\\r\\n" },
            wire.Sent("AT+CIPSTART", "AT+CIPSEND", "AT+CIPRECVDATA", "AT+CIPCLOSE"));
        Assert.Equal(LinkState.Free, f.Provider.Table.StateOf(0));
    }

    /// <summary>
    /// For https GHI closes only the TLS handle (Input.cs#L456-L471 → SslStream.cs#L69-L79), never the Socket. The TLS
    /// handle is the socket's, so that one Close sends AT+CIPCLOSE and AT+CIPSTATE? then lists no link; the Socket's own
    /// Close later (if an app makes it) costs nothing.
    /// </summary>
    [Fact]
    public void ClosingOnlyTheTlsHandleClosesTheLink_NothingLeftInCipState()
    {
        using var server = new TlsLoopbackServer(ssl => { ssl.Write(Encoding.ASCII.GetBytes("hi")); ssl.ReadByte(); });
        using var f = new ProviderFixture();
        using var wire = new WireLog(f.Emulator.Port);
        var s = f.Tcp();
        s.Connect(new IPEndPoint(IPAddress.Loopback, server.Port));
        var ssl = new FrameworkSslStream(s);
        ssl.AuthenticateAsClient(TestCertificates.ServerName, X509Certificate2.CreateFromPem(TestCertificates.Shared.CaPem));
        var buffer = new byte[8];
        Assert.Equal(2, ssl.Read(buffer, 0, buffer.Length));
        ssl.Dispose();
        Assert.Equal(1, s.Handle); // GHI's Socket is still "open"
        Assert.Equal(LinkState.Free, f.Provider.Table.StateOf(0));
        Assert.False(f.Provider.Table.QueryEndpoints(0, out _, out _, out _));
        s.Dispose();
        Assert.Equal(new[] { $"AT+CIPSTART=0,\"SSL\",\"127.0.0.1\",{server.Port},,,20000\\r\\n", "AT+CIPCLOSE=0\\r\\n", "AT+CIPSTATE?\\r\\n" },
            wire.Sent("AT+CIPSTART", "AT+CIPCLOSE", "AT+CIPSTATE"));
        Assert.False(f.Emulator.Links.Any);
    }

    /// <summary>
    /// After HttpListener.Stop the accept thread's Socket passes the closed handle -1 to Poll and Accept
    /// (Socket.cs#L165-L183, #L450-L468 read m_Handle again). HttpListener.cs#L304-L318 retries a SocketException and,
    /// no longer running, leaves; anything else would also end it, but an accepted "socket" would crash its NetworkStream.
    /// So: SocketException(NotSocket), for -1 and for the closed listener's old handle, and for an Accept waiting in the
    /// provider when the listener closes. No AT traffic for any of them.
    /// </summary>
    [Fact]
    public void AfterTheListenerClosesPollAndAcceptThrowSocketException()
    {
        using var f = new ProviderFixture();
        int listener = f.Provider.Create(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        f.Provider.Bind(listener, new IPEndPoint(IPAddress.Any, 8090).Serialize());
        f.Provider.Listen(listener, 10);
        Exception? waiting = null;
        var accepting = new Thread(() =>
        {
            try { f.Provider.Accept(listener); }
            catch (Exception e) { waiting = e; }
        });
        accepting.Start();
        Thread.Sleep(100); // let it enter the provider's wait (the assertion holds either way)
        using var wire = new WireLog(f.Emulator.Port);
        f.Provider.Close(listener);
        Assert.True(accepting.Join(5000));
        Assert.IsType<SocketException>(waiting);
        Assert.Equal(new[] { "AT+CIPSERVER=0\\r\\n" }, wire.Sent());
        foreach (int handle in new[] { -1, listener })
        {
            Assert.Equal(SocketError.NotSocket, Assert.Throws<SocketException>(() => f.Provider.Poll(handle, -1, SelectMode.SelectRead)).SocketErrorCode);
            Assert.Equal(SocketError.NotSocket, Assert.Throws<SocketException>(() => f.Provider.Accept(handle)).SocketErrorCode);
        }
        Assert.Equal(new[] { "AT+CIPSERVER=0\\r\\n" }, wire.Sent());
    }

    /// <summary>
    /// Timeouts are GHI's, in managed code over the provider's 0 = "no data yet": Socket.Receive throws a plain
    /// Exception("Socket receive timeout") (Socket.cs#L325-L327, not a SocketException), while SslStream.Read returns 0
    /// (SslStream.cs#L98-L119 has no throw). The provider itself never blocks past its short wait, and the link survives.
    /// </summary>
    [Fact]
    public void ReceiveTimeout_SocketThrowsAPlainException_SslStreamReturnsZero_TheLinkStaysUsable()
    {
        using var go = new ManualResetEventSlim();
        using var server = new TlsLoopbackServer(ssl => { go.Wait(10_000); ssl.Write(Encoding.ASCII.GetBytes("late")); ssl.ReadByte(); });
        using var plainGo = new ManualResetEventSlim();
        using var plain = new LoopbackServer(st => { plainGo.Wait(10_000); st.Write(Encoding.ASCII.GetBytes("late")); st.ReadByte(); });
        using var f = new ProviderFixture();
        using var tcp = f.Tcp();
        tcp.Connect(new IPEndPoint(IPAddress.Loopback, plain.Port));
        tcp.ReceiveTimeout = 100;
        var e = Assert.Throws<Exception>(() => tcp.Receive(new byte[8]));
        Assert.Equal("Socket receive timeout", e.Message);
        Assert.IsNotType<SocketException>(e);
        using var s = f.Tcp();
        s.Connect(new IPEndPoint(IPAddress.Loopback, server.Port));
        using var ssl = new FrameworkSslStream(s);
        ssl.AuthenticateAsClient(TestCertificates.ServerName, X509Certificate2.CreateFromPem(TestCertificates.Shared.CaPem));
        s.ReceiveTimeout = 100;
        var buffer = new byte[8];
        Assert.Equal(0, ssl.Read(buffer, 0, buffer.Length));
        go.Set();
        plainGo.Set();
        s.ReceiveTimeout = 10_000;
        tcp.ReceiveTimeout = 10_000;
        Assert.Equal(4, ssl.Read(buffer, 0, buffer.Length));
        Assert.Equal("late", Encoding.ASCII.GetString(buffer, 0, 4));
        Assert.Equal(4, tcp.Receive(buffer));
        Assert.Equal("late", Encoding.ASCII.GetString(buffer, 0, 4));
    }
}
