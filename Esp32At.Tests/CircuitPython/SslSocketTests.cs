using System.Text;
using Esp32At.CircuitPython;
using Esp32At.Tests.EmulatorNet;

namespace Esp32At.Tests.CircuitPython;

/// <summary>ssl contexts and TLS sockets: the ESP does TLS against a real SslStream server with a test CA.</summary>
public sealed class SslSocketTests : IDisposable
{
    private readonly SocketPoolFixture f = new();

    public void Dispose() => f.Dispose();

    [Fact]
    public void DefaultContext_VerifiesByDefault()
    {
        var ctx = Ssl.CreateDefaultContext();
        Assert.True(ctx.CheckHostname);
        Assert.Equal(Ssl.CERT_REQUIRED, ctx.VerifyMode);
    }

    [Fact]
    public void WithTheTestCa_TheConnectionIsVerified_AndEchoes()
    {
        using var server = new TlsLoopbackServer(TlsLoopbackServer.Echo);
        var ctx = Ssl.CreateDefaultContext();
        ctx.LoadVerifyLocations(TestCertificates.Shared.CaPem);
        using var s = ctx.WrapSocket(f.Tcp(), serverHostname: TestCertificates.ServerName);
        s.Connect("127.0.0.1", server.Port);
        Assert.True(server.Handshaken.Wait(5000));
        Assert.Equal(TestCertificates.ServerName, server.ServerName);
        s.SendAll(Encoding.ASCII.GetBytes("over tls"));
        Assert.Equal("over tls", Encoding.ASCII.GetString(SocketPoolFixture.ReadAll(s, 8)));
        Assert.Contains(f.Trace.Lines, l => l.StartsWith(">> AT+CIPSSLCCONF=" + s.Link + ",2,"));
        Assert.Contains(f.Trace.Lines, l => l.StartsWith(">> AT+SYSMFG=2,\"client_ca\",\"client_ca.0\""));
    }

    [Fact]
    public void TheCa_IsProvisionedOnce_ForRepeatedConnections()
    {
        var ctx = Ssl.CreateDefaultContext();
        ctx.LoadVerifyLocations(TestCertificates.Shared.CaPem);
        for (int i = 0; i < 2; i++)
        {
            using var server = new TlsLoopbackServer(TlsLoopbackServer.Echo);
            using var s = ctx.WrapSocket(f.Tcp(), serverHostname: TestCertificates.ServerName);
            s.Connect("127.0.0.1", server.Port);
            s.Send("x"u8.ToArray());
            Assert.Equal("x"u8.ToArray(), SocketPoolFixture.ReadAll(s, 1));
        }
        Assert.Single(f.Trace.Lines, l => l.StartsWith(">> AT+SYSMFG=2,\"client_ca\""));
    }

    [Fact]
    public void WithTheWrongCa_ConnectFails_Econnaborted()
    {
        using var server = new TlsLoopbackServer(TlsLoopbackServer.Echo);
        var ctx = Ssl.CreateDefaultContext();
        ctx.LoadVerifyLocations(new TestCertificates("Some Other CA").CaPem);
        using var s = ctx.WrapSocket(f.Tcp(), serverHostname: TestCertificates.ServerName);
        var e = Assert.Throws<OSError>(() => s.Connect("127.0.0.1", server.Port));
        Assert.Equal(Errno.ECONNABORTED, e.Errno);
        Assert.Equal(-1, s.Link);
        Assert.Equal(Errno.ENOTCONN, Assert.Throws<OSError>(() => s.Send("x"u8.ToArray())).Errno);
    }

    [Fact]
    public void WithTheWrongServerName_ConnectFails()
    {
        using var server = new TlsLoopbackServer(TlsLoopbackServer.Echo);
        var ctx = Ssl.CreateDefaultContext();
        ctx.LoadVerifyLocations(TestCertificates.Shared.CaPem);
        using var s = ctx.WrapSocket(f.Tcp(), serverHostname: "not-the-server.example");
        Assert.Equal(Errno.ECONNABORTED, Assert.Throws<OSError>(() => s.Connect("127.0.0.1", server.Port)).Errno);
    }

    [Fact]
    public void NoCa_WithVerificationOn_FailsAtWrap_NamingTheFix()
    {
        var ctx = Ssl.CreateDefaultContext();
        var e = Assert.Throws<InvalidOperationException>(() => ctx.WrapSocket(f.Tcp(), serverHostname: "x"));
        Assert.Contains("LoadVerifyLocations", e.Message);
        Assert.Contains("CERT_NONE", e.Message);
    }

    [Fact]
    public void OptOut_ConnectsWithoutVerification_AndIsNotedOnce()
    {
        var ctx = Ssl.CreateDefaultContext();
        Assert.Throws<InvalidOperationException>(() => ctx.VerifyMode = Ssl.CERT_NONE); // CheckHostname must go first
        ctx.CheckHostname = false;
        ctx.VerifyMode = Ssl.CERT_NONE;
        for (int i = 0; i < 2; i++)
        {
            using var server = new TlsLoopbackServer(TlsLoopbackServer.Echo);
            using var s = ctx.WrapSocket(f.Tcp());
            s.Connect("127.0.0.1", server.Port);
            s.Send("hi"u8.ToArray());
            Assert.Equal("hi"u8.ToArray(), SocketPoolFixture.ReadAll(s, 2));
            Assert.Contains(f.Trace.Lines, l => l.StartsWith(">> AT+CIPSSLCCONF=" + s.Link + ",0,"));
        }
        Assert.Single(f.Trace.Lines, l => l.Contains("verification is OFF"));
    }

    [Fact]
    public void WrapAfterAnUnusedConnect_ReopensTheLinkAsTls_AndDetachesThePlainSocket()
    {
        using var server = new MultiClientTlsServer();
        var ctx = Ssl.CreateDefaultContext();
        ctx.LoadVerifyLocations(TestCertificates.Shared.CaPem);
        var plain = f.Tcp();
        plain.Connect("127.0.0.1", server.Port);
        using var s = ctx.WrapSocket(plain, serverHostname: TestCertificates.ServerName);
        Assert.True(server.Handshaken.Wait(5000));
        s.Send("ok"u8.ToArray());
        Assert.Equal("ok"u8.ToArray(), SocketPoolFixture.ReadAll(s, 2));
        Assert.Equal(Errno.EBADF, Assert.Throws<OSError>(() => plain.Send("x"u8.ToArray())).Errno);
        Assert.Equal(2, server.Accepted); // the unused plain connection, then the TLS one
    }

    [Fact]
    public void WrapAfterPlainData_IsRefused()
    {
        using var peer = new LoopbackServer(LoopbackServer.Echo);
        var ctx = Ssl.CreateDefaultContext();
        ctx.LoadVerifyLocations(TestCertificates.Shared.CaPem);
        using var plain = f.Tcp();
        plain.Connect("127.0.0.1", peer.Port);
        plain.Send("x"u8.ToArray());
        var e = Assert.Throws<InvalidOperationException>(() => ctx.WrapSocket(plain, serverHostname: "x"));
        Assert.Contains("wrap the socket before connect", e.Message);
    }

    [Fact]
    public void ClientCertificate_AndAlpn_ReachTheServer()
    {
        var pki = TestCertificates.Shared;
        using var server = new TlsLoopbackServer(TlsLoopbackServer.Echo, requireClientCertificate: true, alpn: ["h2", "http/1.1"]);
        var ctx = Ssl.CreateDefaultContext();
        ctx.LoadVerifyLocations(pki.CaPem);
        ctx.LoadCertChain(pki.ClientPem, pki.ClientKeyPem);
        ctx.SetAlpnProtocols(["http/1.1"]);
        using var s = ctx.WrapSocket(f.Tcp(), serverHostname: TestCertificates.ServerName);
        s.Connect("127.0.0.1", server.Port);
        Assert.True(server.Handshaken.Wait(5000));
        Assert.Equal("CN=esp32-client", server.ClientCertificateSubject);
        Assert.Equal("http/1.1", server.Alpn);
    }

    [Fact]
    public void Files_AreNotRead_PemIsRequired()
    {
        var ctx = Ssl.CreateDefaultContext();
        Assert.Throws<ArgumentException>(() => ctx.LoadVerifyLocations("/certs/ca.pem"));
    }
}
