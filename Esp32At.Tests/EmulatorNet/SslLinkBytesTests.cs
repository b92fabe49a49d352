using Esp32At.Emulator.Profiles;
using Esp32At.Tests.Emulator;

namespace Esp32At.Tests.EmulatorNet;

/// <summary>
/// SSL links over real TLS (spec §2.3, §6): no verification by default, server verification with a CA provisioned by
/// AT+SYSMFG (wrong CA or wrong name: the CIPSTART fails with ERROR), SNI, ALPN, client certificates.
/// </summary>
public class SslLinkBytesTests
{
    private static readonly TestCertificates Pki = TestCertificates.Shared;

    private static void ExpectEcho(RawPort port, int id)
    {
        Assert.Equal("\r\nOK\r\n\r\n>", port.Command($"AT+CIPSEND={id},4", ">"));
        port.Send("ping");
        var sent = port.ReadUntil("SEND OK\r\n");
        var frame = $"\r\n+IPD,{id},4:ping\r\n";
        Assert.Equal("\r\nRecv 4 bytes\r\n\r\nSEND OK\r\n", sent.Replace(frame, ""));
        if (!sent.Contains(frame)) Assert.Equal(frame, port.ReadUntil("ping\r\n"));
    }

    [Theory]
    [InlineData("v2.2.0-c3")]
    [InlineData("v3.3.0-c3")]
    [InlineData("v4.1.1-c3")]
    public void WithoutVerificationAnyServerCertificateIsAccepted(string profile)
    {
        using var server = new TlsLoopbackServer(TlsLoopbackServer.Echo);
        using var port = NetPorts.Joined(FirmwareProfile.Named(profile));
        Assert.Equal("+CIPSSLCCONF:0,0,0,0\r\n+CIPSSLCCONF:1,0,0,0\r\n+CIPSSLCCONF:2,0,0,0\r\n+CIPSSLCCONF:3,0,0,0\r\n+CIPSSLCCONF:4,0,0,0\r\n\r\nOK\r\n",
            port.Command("AT+CIPSSLCCONF?"));
        Assert.Equal("0,CONNECT\r\n\r\nOK\r\n", port.Command($"AT+CIPSTART=0,\"SSL\",\"127.0.0.1\",{server.Port}"));
        Assert.True(server.Handshaken.Wait(5000));
        Assert.Equal("", server.ServerName); // an IP literal is not sent as SNI
        ExpectEcho(port, 0);
        var listing = $":0,\"SSL\",\"127.0.0.1\",{server.Port},{port.Emulator.Links[0]!.LocalPort},0\r\n\r\nOK\r\n";
        if (port.Emulator.Profile.HasCipState) Assert.Equal("+CIPSTATE" + listing, port.Command("AT+CIPSTATE?"));
        else Assert.Equal("STATUS:3\r\n+CIPSTATUS" + listing, port.Command("AT+CIPSTATUS"));
    }

    [Fact]
    public void AProvisionedCaVerifiesTheServerWithTheSniName()
    {
        using var server = new TlsLoopbackServer(TlsLoopbackServer.Echo);
        using var port = NetPorts.Joined();
        port.Provision("client_ca", "client_ca.0", Pki.CaPem);
        Assert.Equal("\r\nOK\r\n", port.Command("AT+CIPSSLCCONF=1,2,0,0"));
        Assert.Equal("\r\nOK\r\n", port.Command($"AT+CIPSSLCSNI=1,\"{TestCertificates.ServerName}\""));
        Assert.Equal($"+CIPSSLCSNI:0,\r\n+CIPSSLCSNI:1,{TestCertificates.ServerName}\r\n+CIPSSLCSNI:2,\r\n+CIPSSLCSNI:3,\r\n+CIPSSLCSNI:4,\r\n\r\nOK\r\n",
            port.Command("AT+CIPSSLCSNI?"));
        Assert.Equal("1,CONNECT\r\n\r\nOK\r\n", port.Command($"AT+CIPSTART=1,\"SSL\",\"127.0.0.1\",{server.Port}"));
        Assert.True(server.Handshaken.Wait(5000));
        Assert.Equal(TestCertificates.ServerName, server.ServerName);
        ExpectEcho(port, 1);
    }

    [Fact]
    public void AHostNameIsSentAsSniAndChecked()
    {
        using var server = new TlsLoopbackServer(TlsLoopbackServer.Echo);
        using var port = NetPorts.Joined();
        port.Emulator.Links.Dns.Add(TestCertificates.ServerName, System.Net.IPAddress.Loopback);
        port.Provision("client_ca", "client_ca.1", Pki.CaPem);
        port.Command("AT+CIPSSLCCONF=5,2,0,1");
        Assert.Equal("2,CONNECT\r\n\r\nOK\r\n", port.Command($"AT+CIPSTART=2,\"SSL\",\"{TestCertificates.ServerName}\",{server.Port}"));
        Assert.True(server.Handshaken.Wait(5000));
        Assert.Equal(TestCertificates.ServerName, server.ServerName);
    }

    [Fact]
    public void TheFactoryCaDoesNotVerifyTheServerAndCipStartFails()
    {
        using var server = new TlsLoopbackServer(TlsLoopbackServer.Echo);
        using var port = NetPorts.Joined();
        Assert.Equal("\r\nOK\r\n", port.Command("AT+CIPSSLCCONF=0,2,0,0")); // client_ca.0 is the factory (Espressif test) root
        Assert.Equal("\r\nERROR\r\n", port.Command($"AT+CIPSTART=0,\"SSL\",\"127.0.0.1\",{server.Port}", "\r\nERROR\r\n"));
        Assert.Equal("\r\nOK\r\n", port.Command("AT+CIPSTATE?"));
    }

    [Fact]
    public void AWrongCaFailsWithTheErrorCodeWhenSysLogIsOn()
    {
        var other = new TestCertificates("Some Other CA");
        using var server = new TlsLoopbackServer(TlsLoopbackServer.Echo);
        using var port = NetPorts.Joined();
        port.Command("AT+SYSLOG=1");
        port.Provision("client_ca", "client_ca.0", other.CaPem);
        port.Command("AT+CIPSSLCCONF=0,2,0,0");
        Assert.Equal("ERR CODE:0x010a0000\r\n\r\nERROR\r\n", port.Command($"AT+CIPSTART=0,\"SSL\",\"127.0.0.1\",{server.Port}", "\r\nERROR\r\n"));
    }

    [Fact]
    public void ANameTheCertificateDoesNotCarryFailsVerification()
    {
        using var server = new TlsLoopbackServer(TlsLoopbackServer.Echo);
        using var port = NetPorts.Joined();
        port.Provision("client_ca", "client_ca.0", Pki.CaPem);
        port.Command("AT+CIPSSLCCONF=0,2,0,0");
        port.Command("AT+CIPSSLCSNI=0,\"wrong.example\"");
        Assert.Equal("\r\nERROR\r\n", port.Command($"AT+CIPSTART=0,\"SSL\",\"127.0.0.1\",{server.Port}", "\r\nERROR\r\n"));
    }

    [Fact]
    public void MutualAuthenticationPresentsTheProvisionedClientCertificate()
    {
        using var server = new TlsLoopbackServer(TlsLoopbackServer.Echo, requireClientCertificate: true);
        using var port = NetPorts.Joined();
        port.Provision("client_ca", "client_ca.0", Pki.CaPem);
        port.Provision("client_cert", "client_cert.0", Pki.ClientPem);
        port.Provision("client_key", "client_key.0", Pki.ClientKeyPem);
        Assert.Equal("\r\nOK\r\n", port.Command("AT+CIPSSLCCONF=0,3,0,0"));
        Assert.Equal("0,CONNECT\r\n\r\nOK\r\n", port.Command($"AT+CIPSTART=0,\"SSL\",\"127.0.0.1\",{server.Port}"));
        Assert.True(server.Handshaken.Wait(5000));
        Assert.Equal("CN=esp32-client", server.ClientCertificateSubject);
        ExpectEcho(port, 0);
    }

    [Fact]
    public void WithoutAClientCertificateAServerThatDemandsOneHangsUp()
    {
        // The test server (like many) checks the client certificate after its Finished: the link opens, then closes.
        using var server = new TlsLoopbackServer(TlsLoopbackServer.Echo, requireClientCertificate: true);
        using var port = NetPorts.Joined();
        Assert.Equal("0,CONNECT\r\n\r\nOK\r\n", port.Command($"AT+CIPSTART=0,\"SSL\",\"127.0.0.1\",{server.Port}"));
        Assert.Equal("0,CLOSED\r\n", port.ReadUntil("CLOSED\r\n"));
        Assert.True(server.Failed.IsSet);
    }

    [Fact]
    public void AlpnIsOfferedAndListed()
    {
        using var server = new TlsLoopbackServer(TlsLoopbackServer.Echo, alpn: ["h2", "http/1.1"]);
        using var port = NetPorts.Joined();
        Assert.Equal("\r\nOK\r\n", port.Command("AT+CIPSSLCALPN=0,2,\"http/1.1\",\"x-test\""));
        Assert.Equal("+CIPSSLCALPN:0,http/1.1,x-test\r\n+CIPSSLCALPN:1\r\n+CIPSSLCALPN:2\r\n+CIPSSLCALPN:3\r\n+CIPSSLCALPN:4\r\n\r\nOK\r\n", port.Command("AT+CIPSSLCALPN?"));
        Assert.Equal("\r\nERROR\r\n", port.Command("AT+CIPSSLCALPN=0,2,\"h2\"", "\r\nERROR\r\n"));
        Assert.Equal("\r\nERROR\r\n", port.Command("AT+CIPSSLCALPN=0,6,\"a\",\"b\",\"c\",\"d\",\"e\",\"f\"", "\r\nERROR\r\n"));
        port.Command($"AT+CIPSTART=0,\"SSL\",\"127.0.0.1\",{server.Port}");
        Assert.True(server.Handshaken.Wait(5000));
        Assert.Equal("http/1.1", server.Alpn);
    }

    [Fact]
    public void MissingCertificatesAreNamedBeforeError()
    {
        using var port = NetPorts.Joined();
        Assert.Equal("\r\nOK\r\n", port.Command("AT+SYSMFG=0,\"client_ca\""));
        Assert.Equal("NO CA FOUND\r\n\r\nERROR\r\n", port.Command("AT+CIPSSLCCONF=0,2,0,0", "\r\nERROR\r\n"));
        Assert.Equal("\r\nOK\r\n", port.Command("AT+SYSMFG=0,\"client_key\",\"client_key.1\""));
        Assert.Equal("NO PRVT_KEY FOUND\r\n\r\nERROR\r\n", port.Command("AT+CIPSSLCCONF=0,1,1,0", "\r\nERROR\r\n"));
        Assert.Equal("NO CERT FOUND\r\n\r\nERROR\r\n", port.Command("AT+CIPSSLCCONF=0,1,7,0", "\r\nERROR\r\n"));
        Assert.Equal("\r\nOK\r\n", port.Command("AT+CIPSSLCCONF=0,1,0,0"));
        Assert.Equal("+CIPSSLCCONF:0,1,0,0\r\n", port.Command("AT+CIPSSLCCONF?").Split("+CIPSSLCCONF:1")[0]);
    }

    [Fact]
    public void TheHandshakeTakesFirmwareTimeOnTheEmulatorClock()
    {
        using var server = new TlsLoopbackServer(TlsLoopbackServer.Echo);
        using var port = new RawPort(options: new Esp32At.Emulator.Core.EmulatorOptions { SpeedFactor = 0.1, BootTimeMs = 0, JoinTimeMs = 0, SslHandshakeTimeMs = 3000 });
        port.Command("ATE0");
        port.Command("AT+CIPMUX=1");
        port.Command("AT+CWJAP=\"Home\",\"secret-pass\"");
        var started = DateTime.UtcNow;
        port.Command($"AT+CIPSTART=0,\"SSL\",\"127.0.0.1\",{server.Port}");
        Assert.True(DateTime.UtcNow - started >= TimeSpan.FromMilliseconds(290), "3 s of firmware time at speed 0.1 is 300 ms");
    }
}
