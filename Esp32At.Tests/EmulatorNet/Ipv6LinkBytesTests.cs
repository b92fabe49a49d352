using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Esp32At.Emulator.Profiles;
using Esp32At.Tests.Emulator;

namespace Esp32At.Tests.EmulatorNet;

/// <summary>
/// IPv6 links against real peers on the host's <c>::1</c>, byte for byte as docs/esp-at-ipv6.md ("Links", "Reading and
/// writing on a v6 link", "AT+CIPSERVER on IPv6", "Names") has them from Espressif's TCP-IP AT docs and core strings.
/// </summary>
public class Ipv6LinkBytesTests
{
    private static int PortOf(TcpClient c) => ((IPEndPoint)c.Client.LocalEndPoint!).Port;

    private static string Error(RawPort port, string line) => port.Command(line, "ERROR\r\n");

    [Theory]
    [InlineData("v2.2.0-c3")]
    [InlineData("v3.3.0-c3")]
    [InlineData("v4.0.0-c6")]
    [InlineData("v4.1.1-c3")]
    public void ATcpV6LinkConnectsToTheIpv6LoopbackAndPrintsItsAddress(string profileName)
    {
        var profile = FirmwareProfile.Named(profileName);
        using var server = new LoopbackServer(LoopbackServer.Echo, IPAddress.IPv6Loopback);
        using var port = NetPorts.Joined(profile, dinfo: true, ipv6: true);
        Assert.Equal("0,CONNECT\r\n\r\nOK\r\n", port.Command($"AT+CIPSTART=0,\"TCPv6\",\"::1\",{server.Port}"));
        int local = port.Emulator.Links[0]!.LocalPort;
        var listing = $":0,\"TCPv6\",\"::1\",{server.Port},{local},0\r\n\r\nOK\r\n";
        if (profile.HasCipState) Assert.Equal("+CIPSTATE" + listing, port.Command("AT+CIPSTATE?"));
        else Assert.Equal("STATUS:3\r\n+CIPSTATUS" + listing, port.Command("AT+CIPSTATUS"));
        Assert.Equal("\r\nOK\r\n\r\n>", port.Command("AT+CIPSEND=0,5", ">"));
        port.Send("hello");
        // The echo's frame may land between Recv and SEND OK (spec §3).
        var echo = $"\r\n+IPD,0,5,\"::1\",{server.Port}:hello\r\n";
        var seen = port.ReadUntil("SEND OK\r\n");
        if (!seen.Contains(echo)) seen += port.ReadUntil("hello\r\n");
        Assert.Equal("\r\nRecv 5 bytes\r\n\r\nSEND OK\r\n", seen.Replace(echo, ""));
        Assert.Contains(echo, seen);
    }

    [Fact]
    public void SingleConnectionModeAndLinkConnShowTheV6TypeAndAddress()
    {
        using var server = new LoopbackServer(LoopbackServer.Echo, IPAddress.IPv6Loopback);
        using var port = NetPorts.Joined(mux: false, ipv6: true);
        port.Command("AT+SYSMSG=2");
        var answer = port.Command($"AT+CIPSTART=\"TCPv6\",\"::1\",{server.Port}");
        int local = port.Emulator.Links[0]!.LocalPort;
        Assert.Equal($"+LINK_CONN:0,0,\"TCPv6\",0,\"::1\",{server.Port},{local}\r\n\r\nOK\r\n", answer);
        Assert.Equal($"+CIPSTATE:0,\"TCPv6\",\"::1\",{server.Port},{local},0\r\n\r\nOK\r\n", port.Command("AT+CIPSTATE?"));
    }

    [Fact]
    public void V6TypesNeedCipV6AndAddressesOfTheirFamily()
    {
        using var server = new LoopbackServer(LoopbackServer.Echo, IPAddress.IPv6Loopback);
        using (var off = NetPorts.Joined())
        {
            off.Command("AT+SYSLOG=1");
            Assert.Equal("ERR CODE:0x010a0000\r\n\r\nERROR\r\n", Error(off, $"AT+CIPSTART=0,\"TCPv6\",\"::1\",{server.Port}"));
            off.Command("AT+CIPV6=1"); // only at the next join
            Assert.Equal("ERR CODE:0x010a0000\r\n\r\nERROR\r\n", Error(off, $"AT+CIPSTART=0,\"UDPv6\",\"::1\",{server.Port}"));
        }
        using var port = NetPorts.Joined(ipv6: true);
        port.Command("AT+SYSLOG=1");
        Assert.Equal("ERR CODE:0x010a0000\r\n\r\nERROR\r\n", Error(port, "AT+CIPSTART=0,\"TCPv6\",\"127.0.0.1\",80")); // unmatched type and remote host
        Assert.Equal("ERR CODE:0x010a0000\r\n\r\nERROR\r\n", Error(port, $"AT+CIPSTART=0,\"TCP\",\"::1\",{server.Port}"));
        Assert.Equal("ERR CODE:0x01070001\r\n\r\nERROR\r\n", Error(port, "AT+CIPSTART=0,\"TCP6\",\"::1\",80"));
        port.Emulator.Links.Dns.Add("v4only.test", IPAddress.Loopback);
        Assert.Equal("ERR CODE:0x010a0000\r\n\r\nERROR\r\n", Error(port, $"AT+CIPSTART=0,\"TCPv6\",\"v4only.test\",{server.Port}")); // no AAAA
        port.Emulator.Links.Dns.Add("v6.test", IPAddress.IPv6Loopback);
        Assert.Equal("0,CONNECT\r\n\r\nOK\r\n", port.Command($"AT+CIPSTART=0,\"TCPv6\",\"v6.test\",{server.Port}"));
        Assert.StartsWith($"+CIPSTATE:0,\"TCPv6\",\"::1\",{server.Port},", port.Command("AT+CIPSTATE?"));
    }

    [Fact]
    public void AUdpV6LinkReceivesWithTheSenderAndSendsToANamedRemote()
    {
        using var peer = new UdpClient(new IPEndPoint(IPAddress.IPv6Loopback, 0)) { Client = { ReceiveTimeout = 5000 } };
        using var other = new UdpClient(new IPEndPoint(IPAddress.IPv6Loopback, 0)) { Client = { ReceiveTimeout = 5000 } };
        int peerPort = ((IPEndPoint)peer.Client.LocalEndPoint!).Port, otherPort = ((IPEndPoint)other.Client.LocalEndPoint!).Port;
        using var port = NetPorts.Joined(dinfo: true, ipv6: true);
        Assert.Equal("1,CONNECT\r\n\r\nOK\r\n", port.Command($"AT+CIPSTART=1,\"UDPv6\",\"::1\",{peerPort},0,0"));
        var link = new IPEndPoint(IPAddress.IPv6Loopback, port.Emulator.Links[1]!.Channel.HostLocalPort);
        peer.Send("ping"u8.ToArray(), link);
        Assert.Equal($"\r\n+IPD,1,4,\"::1\",{peerPort}:ping\r\n", port.ReadUntil("ping\r\n"));
        Assert.Equal("\r\nOK\r\n\r\n>", port.Command($"AT+CIPSEND=1,4,\"::1\",{otherPort}", ">"));
        port.Send("pong");
        Assert.Equal("\r\nRecv 4 bytes\r\n\r\nSEND OK\r\n", port.ReadUntil("SEND OK\r\n"));
        var from = new IPEndPoint(IPAddress.IPv6Any, 0);
        Assert.Equal("pong", Encoding.ASCII.GetString(other.Receive(ref from)));
        Assert.Equal(link.Port, from.Port);
        port.Command("AT+SYSLOG=1");
        Assert.Equal("ERR CODE:0x010a0000\r\n\r\nERROR\r\n", Error(port, $"AT+CIPSEND=1,4,\"127.0.0.1\",{otherPort}")); // a v6 link sends to v6 remotes
    }

    [Fact]
    public void PassiveReadsCarryTheIpv6Sender()
    {
        using var server = new LoopbackServer(s => s.Write("abcde"u8), IPAddress.IPv6Loopback);
        using var port = NetPorts.Joined(passive: true, dinfo: true, ipv6: true);
        Assert.Equal("0,CONNECT\r\n\r\nOK\r\n", port.Command($"AT+CIPSTART=0,\"TCPv6\",\"::1\",{server.Port}"));
        Assert.Equal("\r\n+IPD,0,5\r\n", port.ReadUntil("+IPD,0,5\r\n"));
        Assert.Equal($"+CIPRECVDATA:5,\"::1\",{server.Port},abcde\r\nOK\r\n", port.Command("AT+CIPRECVDATA=0,5"));
    }

    [Fact]
    public void ASslV6LinkHandshakesWithATlsServerOnTheIpv6Loopback()
    {
        using var server = new TlsLoopbackServer(TlsLoopbackServer.Echo, address: IPAddress.IPv6Loopback);
        using var port = NetPorts.Joined(ipv6: true);
        Assert.Equal("2,CONNECT\r\n\r\nOK\r\n", port.Command($"AT+CIPSTART=2,\"SSLv6\",\"::1\",{server.Port}"));
        Assert.True(server.Handshaken.Wait(5000));
        Assert.StartsWith($"+CIPSTATE:2,\"SSLv6\",\"::1\",{server.Port},", port.Command("AT+CIPSTATE?"));
    }

    [Theory]
    [InlineData("v3.3.0-c3", "")]
    [InlineData("v4.1.1-c3", ",0")]
    public void ATcpV6ServerListensOnTheIpv6LoopbackAndNamesItsClients(string profile, string netif)
    {
        using var port = NetPorts.Joined(FirmwareProfile.Named(profile), ipv6: true);
        port.Command("AT+SYSLOG=1");
        Assert.Equal("\r\nOK\r\n", port.Command("AT+CIPSERVER=1,8080,\"TCPv6\""));
        Assert.Equal($"+CIPSERVER:1,8080,\"TCPv6\",0{netif}\r\n\r\nOK\r\n", port.Command("AT+CIPSERVER?"));
        var at = port.Emulator.Links.Ports.TcpServer(8080)!;
        Assert.Equal(IPAddress.IPv6Loopback, at.Address);
        using var client = new TcpClient(AddressFamily.InterNetworkV6) { NoDelay = true };
        client.Connect(at);
        Assert.Equal("0,CONNECT\r\n", port.ReadUntil("CONNECT\r\n"));
        Assert.Equal($"+CIPSTATE:0,\"TCPv6\",\"::1\",{PortOf(client)},8080,1\r\n\r\nOK\r\n", port.Command("AT+CIPSTATE?"));
        client.GetStream().Write("hi"u8);
        Assert.Equal("\r\n+IPD,0,2:hi\r\n", port.ReadUntil("hi\r\n"));
    }

    [Fact]
    public void AV6ServerNeedsCipV6()
    {
        using var port = NetPorts.Joined();
        port.Command("AT+SYSLOG=1");
        Assert.Equal("ERR CODE:0x010a0000\r\n\r\nERROR\r\n", Error(port, "AT+CIPSERVER=1,8080,\"SSLv6\""));
        Assert.Equal("+CIPSERVER:0\r\n\r\nOK\r\n", port.Command("AT+CIPSERVER?"));
    }

    [Theory]
    [InlineData("v2.2.0-c3")]
    [InlineData("v4.1.1-c3")]
    public void CipDomainTakesTheIpNetworkOfTheQuery(string profile)
    {
        using var port = NetPorts.Joined(FirmwareProfile.Named(profile));
        port.Emulator.Links.Dns.Add("v6.test", IPAddress.Parse("2001:db8:0:0:1:0:0:1"));
        port.Emulator.Links.Dns.Add("dual.test", IPAddress.Parse("10.0.0.7"));
        port.Emulator.Links.Dns.Add("dual.test", IPAddress.Parse("2001:db8::7"));
        Assert.Equal("+CIPDOMAIN:\"2001:DB8::1:0:0:1\"\r\n\r\nOK\r\n", port.Command("AT+CIPDOMAIN=\"v6.test\",3"));
        Assert.Equal("+CIPDOMAIN:\"2001:DB8::1:0:0:1\"\r\n\r\nOK\r\n", port.Command("AT+CIPDOMAIN=\"v6.test\""));
        Assert.Equal("+CIPDOMAIN:\"10.0.0.7\"\r\n\r\nOK\r\n", port.Command("AT+CIPDOMAIN=\"dual.test\""));
        Assert.Equal("+CIPDOMAIN:\"10.0.0.7\"\r\n\r\nOK\r\n", port.Command("AT+CIPDOMAIN=\"dual.test\",2"));
        Assert.Equal("+CIPDOMAIN:\"2001:DB8::7\"\r\n\r\nOK\r\n", port.Command("AT+CIPDOMAIN=\"dual.test\",3"));
        port.Command("AT+SYSLOG=1");
        Assert.Equal("ERR CODE:0x010a0000\r\n\r\nERROR\r\n", Error(port, "AT+CIPDOMAIN=\"v6.test\",2"));
        Assert.Equal("ERR CODE:0x01070001\r\n\r\nERROR\r\n", Error(port, "AT+CIPDOMAIN=\"v6.test\",4"));
    }

    [Fact]
    public void AnSslV6ServerServesTlsOnTheIpv6LoopbackAndLinkConnNamesTheClient()
    {
        var pki = TestCertificates.Shared;
        using var port = NetPorts.Joined(ipv6: true);
        port.Provision("server_cert", "server_cert.0", pki.ServerPem);
        port.Provision("server_key", "server_key.0", pki.ServerKeyPem);
        port.Command("AT+SYSMSG=2");
        Assert.Equal("\r\nOK\r\n", port.Command("AT+CIPSERVER=1,8443,\"SSLv6\",0"));
        Assert.Equal("+CIPSERVER:1,8443,\"SSLv6\",0,0\r\n\r\nOK\r\n", port.Command("AT+CIPSERVER?"));
        using var client = new TcpClient(AddressFamily.InterNetworkV6) { NoDelay = true };
        client.Connect(port.Emulator.Links.Ports.TcpServer(8443)!);
        using var tls = new SslStream(client.GetStream());
        tls.AuthenticateAsClient(new SslClientAuthenticationOptions
        {
            TargetHost = TestCertificates.ServerName,
            EnabledSslProtocols = SslProtocols.Tls12,
            CertificateChainPolicy = new X509ChainPolicy { TrustMode = X509ChainTrustMode.CustomRootTrust, CustomTrustStore = { pki.Ca }, RevocationMode = X509RevocationMode.NoCheck },
        });
        Assert.Equal($"+LINK_CONN:0,0,\"SSLv6\",1,\"::1\",{PortOf(client)},8443\r\n", port.ReadUntil("8443\r\n"));
        tls.Write("hi"u8);
        tls.Flush();
        Assert.Equal("\r\n+IPD,0,2:hi\r\n", port.ReadUntil("hi\r\n"));
        Assert.Equal($"+CIPSTATE:0,\"SSLv6\",\"::1\",{PortOf(client)},8443,1\r\n\r\nOK\r\n", port.Command("AT+CIPSTATE?"));
    }

    [Fact]
    public void PassthroughWorksOnATcpV6Link()
    {
        var got = new ReceivedBytes();
        using var server = new LoopbackServer(got.Serve(echo: true), IPAddress.IPv6Loopback);
        using var port = NetPorts.Joined(mux: false, ipv6: true);
        Assert.Equal("CONNECT\r\n\r\nOK\r\n", port.Command($"AT+CIPSTART=\"TCPv6\",\"::1\",{server.Port}"));
        port.Command("AT+CIPMODE=1");
        Assert.Equal("\r\nOK\r\n\r\n>", port.Command("AT+CIPSEND", ">"));
        port.Send("raw\r\n+IPD,0:");
        Assert.Equal("raw\r\n+IPD,0:", got.WaitFor(11));
        Assert.Equal("raw\r\n+IPD,0:", port.ReadUntil("+IPD,0:"));
        port.Send("+++");
        Assert.Equal("\r\nOK\r\n", port.Command("AT"));
    }

    [Fact]
    public void AReconnectBringsTheIpv6NoticesAgainAfterGotIp()
    {
        using var port = NetPorts.Joined(ipv6: true);
        port.Command("AT+CWRECONNCFG=1,0");
        Assert.True(port.Emulator.Radio.DropConnection());
        port.ReadUntil("WIFI DISCONNECT\r\n");
        Assert.DoesNotContain("ip6", port.Command("AT+CIPSTA?"));
        port.Emulator.Radio.RestoreConnection();
        Assert.Equal("WIFI CONNECTED\r\nWIFI GOT IP\r\nWIFI GOT IPv6 LL\r\nWIFI GOT IPv6 GL\r\n", port.ReadUntil("GL\r\n"));
        Assert.Contains("+CIPSTA:ip6gl:\"2001:DB8:5E:1:3685:18FF:FE6A:2B10\"\r\n", port.Command("AT+CIPSTA?"));
    }
}
