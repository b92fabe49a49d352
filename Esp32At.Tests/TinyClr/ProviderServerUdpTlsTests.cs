using GHIElectronics.TinyCLR.Framework;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Esp32At.Tests.EmulatorNet;

namespace Esp32At.Tests.TinyClr;

/// <summary>HttpListener-style server, UDP and SslStream sequences over the provider, with real loopback peers.</summary>
public class ProviderServerUdpTlsTests
{
    [Fact]
    public void ServerAcceptsFiveConcurrentRealClientsAndEchoesEach()
    {
        using var f = new ProviderFixture();
        using var listener = f.Tcp();
        listener.Bind(new IPEndPoint(IPAddress.Any, 8080));
        listener.Listen(10); // HttpListener's backlog; the ESP caps it at 5
        var host = f.Emulator.Links.Ports.TcpServer(8080);
        Assert.NotNull(host);
        var clients = Enumerable.Range(0, 5).Select(_ => new TcpClient()).ToArray();
        foreach (var c in clients) c.Connect(host!);
        var accepted = Enumerable.Range(0, 5).Select(_ => listener.Accept()).ToArray();
        try
        {
            var remotes = accepted.Select(a => (IPEndPoint)a.RemoteEndPoint).ToArray();
            Assert.All(remotes, r => Assert.Equal(IPAddress.Loopback, r.Address));
            Assert.Equal(5, remotes.Select(r => r.Port).Distinct().Count());
            for (int i = 0; i < 5; i++) clients[i].GetStream().Write(Encoding.ASCII.GetBytes("client " + i));
            foreach (var a in accepted)
            {
                var buf = new byte[64];
                int n = a.Receive(buf);
                a.Send(buf, 0, n); // echo back to whoever it is
            }
            for (int i = 0; i < 5; i++)
            {
                var buf = new byte[64];
                clients[i].GetStream().ReadTimeout = 5000;
                int n = clients[i].GetStream().Read(buf);
                Assert.Equal("client " + i, Encoding.ASCII.GetString(buf, 0, n));
            }
        }
        finally
        {
            foreach (var a in accepted) a.Dispose();
            foreach (var c in clients) c.Dispose();
        }
    }

    [Fact]
    public void AClientThatHangsUpLeavesItsSocketReadableWithNothingAvailable()
    {
        using var f = new ProviderFixture();
        using var listener = f.Tcp();
        listener.Bind(new IPEndPoint(IPAddress.Any, 8081));
        listener.Listen(1);
        using (var c = new TcpClient())
        {
            c.Connect(f.Emulator.Links.Ports.TcpServer(8081)!);
            using var accepted = listener.Accept();
            c.GetStream().Write(new byte[] { 42 });
            c.Close();
            Assert.True(accepted.Poll(5_000_000, SelectMode.SelectRead));
            var buf = new byte[4];
            Assert.Equal(1, accepted.Receive(buf));
            Assert.True(accepted.Poll(5_000_000, SelectMode.SelectRead));
            Assert.Equal(0, accepted.Available);
            Assert.Equal(0, accepted.Receive(buf));
        }
    }

    [Fact]
    public void UdpSendToAndReceiveFromARealPeer()
    {
        using var peer = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var peerEp = (IPEndPoint)peer.Client.LocalEndPoint!;
        using var f = new ProviderFixture();
        using var s = new FrameworkSocket(f.Provider, SocketType.Dgram, ProtocolType.Udp);
        s.SendTo(Encoding.ASCII.GetBytes("ping"), peerEp);
        var from = new IPEndPoint(IPAddress.Any, 0);
        var got = peer.Receive(ref from);
        Assert.Equal("ping", Encoding.ASCII.GetString(got));
        peer.Send(Encoding.ASCII.GetBytes("pong"), from);
        var buf = new byte[64];
        EndPoint source = new IPEndPoint(IPAddress.Any, 0);
        int n = s.ReceiveFrom(buf, ref source);
        Assert.Equal("pong", Encoding.ASCII.GetString(buf, 0, n));
        Assert.Equal(peerEp, source);
    }

    [Fact]
    public void SslStreamAuthenticatesAsClientWithTheCaTheAppPasses()
    {
        var certs = TestCertificates.Shared;
        using var server = new TlsLoopbackServer(ssl =>
        {
            var b = new byte[5];
            int n = ssl.Read(b);
            ssl.Write(Encoding.ASCII.GetBytes("hello " + Encoding.ASCII.GetString(b, 0, n)));
        });
        using var f = new ProviderFixture();
        f.Emulator.Links.Dns.Add(TestCertificates.ServerName, IPAddress.Loopback);
        var ip = FrameworkDns.GetHostEntry(f.Provider, TestCertificates.ServerName).AddressList[0];
        using var s = f.Tcp();
        s.Connect(new IPEndPoint(ip, server.Port));
        using var ssl = new FrameworkSslStream(s);
        ssl.AuthenticateAsClient(TestCertificates.ServerName, X509Certificate2.CreateFromPem(certs.CaPem));
        Assert.True(server.Handshaken.Wait(5000)); // the server side finishes its handshake on its own thread
        Assert.Equal(TestCertificates.ServerName, server.ServerName); // SNI from the target host
        ssl.Write(Encoding.ASCII.GetBytes("world"));
        var buf = new byte[64];
        int got = 0;
        while (got < 11) got += ssl.Read(buf, got, buf.Length - got);
        Assert.Equal("hello world", Encoding.ASCII.GetString(buf, 0, got));
    }

    [Fact]
    public void VerificationIsOnByDefaultAndRejectsAServerFromAnotherCa()
    {
        var other = new TestCertificates("Some Other CA");
        using var server = new TlsLoopbackServer(_ => { });
        using var f = new ProviderFixture();
        using var s = f.Tcp();
        s.Connect(new IPEndPoint(IPAddress.Loopback, server.Port));
        using var ssl = new FrameworkSslStream(s);
        var e = Assert.Throws<SocketException>(() => ssl.AuthenticateAsClient(TestCertificates.ServerName, X509Certificate2.CreateFromPem(other.CaPem)));
        Assert.Equal(SocketError.ConnectionRefused, e.SocketErrorCode);
    }

    [Fact]
    public void WithoutACaVerificationFailsClearlyUnlessTheAppOptsOut()
    {
        using var server = new TlsLoopbackServer(ssl => ssl.Write(Encoding.ASCII.GetBytes("hi")));
        using var f = new ProviderFixture();
        using var s = f.Tcp();
        s.Connect(new IPEndPoint(IPAddress.Loopback, server.Port));
        using var ssl = new FrameworkSslStream(s);
        var e = Assert.Throws<InvalidOperationException>(() => ssl.AuthenticateAsClient(TestCertificates.ServerName));
        Assert.Contains("SslVerification.None", e.Message);
        ssl.AuthenticateAsClient(TestCertificates.ServerName, sslVerification: SslVerification.None);
        var buf = new byte[8];
        Assert.Equal(2, ssl.Read(buf, 0, buf.Length));
    }

    [Fact]
    public void ANetworkStreamAfterPlainTrafficCannotBeUpgradedAndSaysWhy()
    {
        using var server = new LoopbackServer(LoopbackServer.Echo);
        using var f = new ProviderFixture();
        using var s = f.Tcp();
        s.Connect(new IPEndPoint(IPAddress.Loopback, server.Port));
        s.Send(new byte[] { 1 });
        var e = Assert.Throws<NotSupportedException>(() => f.Provider.AuthenticateAsClient(s.Handle, "x", null!, null!, SslProtocols.None, SslVerification.None));
        Assert.Contains("before the first read or write", e.Message);
    }
}
