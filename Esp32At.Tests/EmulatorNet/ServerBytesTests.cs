using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Esp32At.Emulator.Profiles;
using Esp32At.Tests.Emulator;

namespace Esp32At.Tests.EmulatorNet;

/// <summary>
/// CIPSERVER on a real loopback port (spec §2.3, §4): clients take the lowest free ids, the connection cap closes the
/// listener, server links carry the server flag, CIPSERVER=0[,1], CIPSERVERMAXCONN and CIPMUX refusals.
/// </summary>
public class ServerBytesTests
{
    private const int EspPort = 8080;

    private static IPEndPoint Serve(RawPort port, string extra = "")
    {
        Assert.Equal("\r\nOK\r\n", port.Command($"AT+CIPSERVER=1,{EspPort}{extra}"));
        return port.Emulator.Links.Ports.TcpServer(EspPort) ?? throw new InvalidOperationException("no mapping");
    }

    private static TcpClient Connect(IPEndPoint at)
    {
        var client = new TcpClient { NoDelay = true };
        client.Connect(at);
        return client;
    }

    [Theory]
    [InlineData("v3.3.0-c3", "")]
    [InlineData("v4.1.1-c3", ",0")]
    public void FiveClientsTakeIdsZeroToFourAndASixthIsRefused(string profile, string netif)
    {
        using var port = NetPorts.Joined(FirmwareProfile.Named(profile));
        var at = Serve(port);
        Assert.Equal($"+CIPSERVER:1,{EspPort},\"TCP\",0{netif}\r\n\r\nOK\r\n", port.Command("AT+CIPSERVER?"));
        var clients = new List<TcpClient>();
        try
        {
            for (int id = 0; id < 5; id++)
            {
                clients.Add(Connect(at));
                Assert.Equal($"{id},CONNECT\r\n", port.ReadUntil("CONNECT\r\n"));
            }
            var expected = string.Concat(clients.Select((c, id) =>
                $"+CIPSTATE:{id},\"TCP\",\"127.0.0.1\",{((IPEndPoint)c.Client.LocalEndPoint!).Port},{EspPort},1\r\n"));
            Assert.Equal(expected + "\r\nOK\r\n", port.Command("AT+CIPSTATE?"));
            // At the cap the listener is closed: the sixth client is refused.
            Assert.Throws<SocketException>(() => Connect(at).Dispose());
            Assert.Equal(0, port.Pending);
        }
        finally
        {
            foreach (var c in clients) c.Dispose();
        }
    }

    [Fact]
    public void DataFlowsBothWaysAndAClientCloseIsReported()
    {
        using var port = NetPorts.Joined();
        using var client = Connect(Serve(port));
        Assert.Equal("0,CONNECT\r\n", port.ReadUntil("CONNECT\r\n"));
        var stream = client.GetStream();
        stream.Write("GET /"u8);
        Assert.Equal("\r\n+IPD,0,5:GET /\r\n", port.ReadUntil("GET /\r\n"));
        Assert.Equal("\r\nOK\r\n\r\n>", port.Command("AT+CIPSEND=0,2", ">"));
        port.Send("ok");
        Assert.Equal("\r\nRecv 2 bytes\r\n\r\nSEND OK\r\n", port.ReadUntil("SEND OK\r\n"));
        var reply = new byte[2];
        stream.ReadExactly(reply);
        Assert.Equal("ok"u8.ToArray(), reply);
        client.Client.Shutdown(SocketShutdown.Send);
        Assert.Equal("0,CLOSED\r\n", port.ReadUntil("CLOSED\r\n"));
    }

    [Fact]
    public void ClientIdsSkipClientLinksAndTheCapResumesListeningWhenAServerLinkCloses()
    {
        using var echo = new LoopbackServer(LoopbackServer.Echo);
        using var port = NetPorts.Joined();
        port.Command($"AT+CIPSTART=0,\"TCP\",\"127.0.0.1\",{echo.Port}");
        Assert.Equal("\r\nOK\r\n", port.Command("AT+CIPSERVERMAXCONN=2"));
        var at = Serve(port);
        using var a = Connect(at);
        Assert.Equal("1,CONNECT\r\n", port.ReadUntil("CONNECT\r\n"));
        using var b = Connect(at);
        Assert.Equal("2,CONNECT\r\n", port.ReadUntil("CONNECT\r\n"));
        Assert.Throws<SocketException>(() => Connect(at).Dispose());
        Assert.Equal("1,CLOSED\r\n\r\nOK\r\n", port.Command("AT+CIPCLOSE=1"));
        NetPorts.Eventually(() => port.Emulator.Links.Server!.Listening, "listening again");
        using var c = Connect(at);
        Assert.Equal("1,CONNECT\r\n", port.ReadUntil("CONNECT\r\n"));
    }

    [Fact]
    public void DeletingTheServerKeepsOrClosesItsClients()
    {
        using var port = NetPorts.Joined();
        var at = Serve(port);
        using var a = Connect(at);
        port.ReadUntil("0,CONNECT\r\n");
        using var b = Connect(at);
        port.ReadUntil("1,CONNECT\r\n");
        Assert.Equal("\r\nOK\r\n", port.Command("AT+CIPSERVER=0"));
        Assert.Equal("+CIPSERVER:0\r\n\r\nOK\r\n", port.Command("AT+CIPSERVER?"));
        Assert.Throws<SocketException>(() => Connect(at).Dispose());
        Assert.Equal("Have 2 Connections\r\n\r\nERROR\r\n", port.Command("AT+CIPSERVERMAXCONN=1", "\r\nERROR\r\n"));
        Serve(port);
        Assert.Equal("0,CLOSED\r\n1,CLOSED\r\n\r\nOK\r\n", port.Command("AT+CIPSERVER=0,1"));
        Assert.Equal("\r\nERROR\r\n", port.Command("AT+CIPSERVER=0", "\r\nERROR\r\n"));
    }

    [Fact]
    public void TheFirmwareRefusesServerChangesItCannotMake()
    {
        using var port = NetPorts.Joined(mux: false);
        Assert.Equal("\r\nERROR\r\n", port.Command("AT+CIPSERVER=1,80", "\r\nERROR\r\n")); // needs CIPMUX=1
        port.Command("AT+CIPMUX=1");
        Serve(port);
        Assert.Equal("\r\nERROR\r\n", port.Command("AT+CIPSERVER=1,81", "\r\nERROR\r\n")); // one server
        Assert.Equal("\r\nERROR\r\n", port.Command("AT+CIPSERVERMAXCONN=3", "\r\nERROR\r\n")); // already serving
        Assert.Equal("\r\nERROR\r\n", port.Command("AT+CIPMUX=0", "\r\nERROR\r\n")); // a server runs
        Assert.Equal("+CIPSERVERMAXCONN:5\r\n\r\nOK\r\n", port.Command("AT+CIPSERVERMAXCONN?"));
    }

    [Fact]
    public void TheDefaultPortIs333AndTheMappingIsAnnounced()
    {
        using var port = NetPorts.Joined();
        var mapped = new List<Esp32At.Emulator.Network.PortMapping>();
        port.Emulator.Links.Ports.Mapped += mapped.Add;
        Assert.Equal("\r\nOK\r\n", port.Command("AT+CIPSERVER=1"));
        var mapping = Assert.Single(mapped);
        Assert.Equal(333, mapping.EspPort);
        Assert.Equal(mapping.Host, port.Emulator.Links.Ports.TcpServer(333));
        Assert.Equal($"ESP TCP port 333 -> {mapping.Host}", mapping.ToString());
        Assert.Equal("+CIPSERVER:1,333,\"TCP\",0,0\r\n\r\nOK\r\n", port.Command("AT+CIPSERVER?"));
    }

    [Fact]
    public void AFreePortIsMappedToTheSameNumber()
    {
        int free;
        using (var probe = new TcpListener(IPAddress.Loopback, 0)) { probe.Start(); free = ((IPEndPoint)probe.LocalEndpoint).Port; }
        using var port = new RawPort(options: new Esp32At.Emulator.Core.EmulatorOptions { SpeedFactor = 0, BootTimeMs = 0 });
        port.Command("ATE0");
        port.Command("AT+CIPMUX=1");
        port.Command($"AT+CIPSERVER=1,{free}");
        Assert.Equal(new IPEndPoint(IPAddress.Loopback, free), port.Emulator.Links.Ports.TcpServer(free));
    }

    [Fact]
    public void SysMsgBit1AnnouncesClientsWithLinkConn()
    {
        using var port = NetPorts.Joined();
        port.Command("AT+SYSMSG=2");
        using var client = Connect(Serve(port));
        var local = ((IPEndPoint)client.Client.LocalEndPoint!).Port;
        Assert.Equal($"+LINK_CONN:0,0,\"TCP\",1,\"127.0.0.1\",{local},{EspPort}\r\n", port.ReadUntil("\r\n"));
    }

    [Fact]
    public void CipStoClosesIdleServerLinksOnTheEmulatorClock()
    {
        using var port = new RawPort(options: new Esp32At.Emulator.Core.EmulatorOptions { SpeedFactor = 0.01, BootTimeMs = 0, JoinTimeMs = 0, HostPortsSameIfFree = false });
        port.Command("ATE0");
        port.Command("AT+CIPMUX=1");
        port.Command("AT+CIPSTO=20"); // 20 s of firmware time = 200 ms here
        using var client = Connect(Serve(port));
        port.ReadUntil("0,CONNECT\r\n");
        var opened = DateTime.UtcNow;
        Assert.Equal("0,CLOSED\r\n", port.ReadUntil("CLOSED\r\n"));
        Assert.True(DateTime.UtcNow - opened >= TimeSpan.FromMilliseconds(150));
    }

    [Fact]
    public void AnSslServerServesTheProvisionedCertificate()
    {
        var pki = TestCertificates.Shared;
        using var port = NetPorts.Joined();
        port.Provision("server_cert", "server_cert.0", pki.ServerPem);
        port.Provision("server_key", "server_key.0", pki.ServerKeyPem);
        var at = Serve(port, ",\"SSL\"");
        Assert.Equal($"+CIPSERVER:1,{EspPort},\"SSL\",0,0\r\n\r\nOK\r\n", port.Command("AT+CIPSERVER?"));
        using var client = Connect(at);
        using var tls = new SslStream(client.GetStream());
        tls.AuthenticateAsClient(new SslClientAuthenticationOptions
        {
            TargetHost = TestCertificates.ServerName,
            EnabledSslProtocols = SslProtocols.Tls12,
            CertificateChainPolicy = new X509ChainPolicy { TrustMode = X509ChainTrustMode.CustomRootTrust, CustomTrustStore = { pki.Ca }, RevocationMode = X509RevocationMode.NoCheck },
        });
        Assert.Equal("0,CONNECT\r\n", port.ReadUntil("CONNECT\r\n"));
        tls.Write("hi"u8);
        tls.Flush();
        Assert.Equal("\r\n+IPD,0,2:hi\r\n", port.ReadUntil("hi\r\n"));
        Assert.StartsWith("+CIPSTATE:0,\"SSL\",\"127.0.0.1\",", port.Command("AT+CIPSTATE?"));
    }
}
