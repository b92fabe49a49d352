using System.Net;
using System.Net.Sockets;
using System.Text;
using Esp32At.Engine;
using Esp32At.Links;
using Esp32At.Tests.EmulatorNet;
using Esp32At.Wifi;

namespace Esp32At.Tests.Links;

/// <summary>
/// IPv6 end to end: the library (Esp32AtOptions.Ipv6) over the emulator's IPv6 (docs/esp-at-ipv6.md) to real peers on
/// the host's ::1, on every profile: addresses after the join, TCPv6 passive and active, UDPv6 datagrams with their
/// sender, SSLv6, names.
/// </summary>
public class Ipv6EndToEndTests
{
    public static TheoryData<string> Profiles() => new() { "v2.2.0-c3", "v3.3.0-c3", "v4.0.0-c6", "v4.1.1-c3", "v4.1.1-c6" };

    private static string[] WaitForIpv6(LinkFixture f, int count)
    {
        var wifi = new WifiService(f.Device);
        string[] addresses = [];
        for (int i = 0; i < 100; i++)
        {
            addresses = wifi.QueryStationAddresses();
            if (addresses.Length >= count) break;
            Thread.Sleep(20);
        }
        return addresses;
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public void ATcpV6LinkEchoesAndNamesItsIpv6Peer(string profile)
    {
        using var server = new LoopbackServer(LoopbackServer.Echo, IPAddress.IPv6Loopback);
        using var f = new LinkFixture(profile, ipv6: true);
        var addresses = WaitForIpv6(f, 3);
        Assert.Equal(3, addresses.Length);
        Assert.StartsWith("FE80::", addresses[0]);
        Assert.Equal(IPAddress.Parse(addresses[0]).GetAddressBytes(), Ipv6.Parse(addresses[0]));
        Assert.Contains('.', addresses[2]);

        int id = f.Links.OpenTcp6("::1", server.Port);
        var payload = ActiveRig.Tricky(6, 9000); // +IPD headers with colons, OK, ready... inside the payload
        f.Links.Send(id, payload, 0, payload.Length);
        Assert.Equal(payload, f.ReadAll(id, payload.Length));
        var from = new byte[16];
        Assert.True(f.Links.RemoteIpv6Of(id, from, out int port));
        Assert.Equal(IPAddress.IPv6Loopback.GetAddressBytes(), from);
        Assert.Equal(server.Port, port);
        Assert.Equal("::1", f.Links.RemoteTextOf(id, out _));
        Assert.True(f.Links.QueryEndpointsText(id, out string remote, out int remotePort, out _));
        Assert.Equal(("::1", server.Port), (remote, remotePort));
        f.Links.Close(id);
    }

    [Theory]
    [InlineData("v3.3.0-c3")]
    [InlineData("v4.1.1-c3")]
    public void ATcpV6LinkReceivesActivelyWithColonsInTheFrameHeader(string profile)
    {
        using var server = new LoopbackServer(LoopbackServer.Echo, IPAddress.IPv6Loopback);
        using var f = new LinkFixture(profile, ipv6: true, activeTcp: true);
        WaitForIpv6(f, 1);
        int id = f.Links.OpenTcp6("::1", server.Port);
        var payload = ActiveRig.Tricky(7, 6000); // within the 8 KiB active buffer: nothing reads while it is sent
        f.Links.Send(id, payload, 0, payload.Length);
        Assert.Equal(payload, f.ReadAll(id, payload.Length));
        Assert.Equal("::1", f.Links.RemoteTextOf(id, out int port));
        Assert.Equal(server.Port, port);
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public void UdpV6DatagramsComeWithTheirIpv6Sender(string profile)
    {
        using var peer = new UdpClient(new IPEndPoint(IPAddress.IPv6Loopback, 0)) { Client = { ReceiveTimeout = 5000 } };
        int peerPort = ((IPEndPoint)peer.Client.LocalEndPoint!).Port;
        using var f = new LinkFixture(profile, ipv6: true);
        WaitForIpv6(f, 1);
        int id = f.Links.OpenUdp6("::1", peerPort);
        Assert.True(f.Links.IsIpv6(id));
        f.Links.Send(id, Encoding.ASCII.GetBytes("hi"), 0, 2);
        var from = new IPEndPoint(IPAddress.IPv6Any, 0);
        Assert.Equal("hi", Encoding.ASCII.GetString(peer.Receive(ref from)));
        peer.Send(Encoding.ASCII.GetBytes("a:b::c"), from);
        var buf = new byte[64];
        Assert.Equal("a:b::c", Encoding.ASCII.GetString(buf, 0, f.Links.Receive(id, buf, 0, buf.Length, 5000)));
        var sender = new byte[16];
        Assert.True(f.Links.RemoteIpv6Of(id, sender, out int port));
        Assert.Equal(IPAddress.IPv6Loopback.GetAddressBytes(), sender);
        Assert.Equal(peerPort, port);
        f.Links.SendTo(id, Encoding.ASCII.GetBytes("to"), 0, 2, "::1", peerPort);
        Assert.Equal("to", Encoding.ASCII.GetString(peer.Receive(ref from)));
        f.Links.Close(id);
    }

    [Fact]
    public void NamesResolveToIpv6AndAnSslV6LinkHandshakes()
    {
        using var server = new TlsLoopbackServer(TlsLoopbackServer.Echo, address: IPAddress.IPv6Loopback);
        using var f = new LinkFixture(ipv6: true);
        f.Emulator.Links.Dns.Add("v6.test", IPAddress.IPv6Loopback);
        WaitForIpv6(f, 1);
        Assert.Equal(IPAddress.IPv6Loopback.GetAddressBytes(), new HostResolver(f.Device).Resolve6("v6.test"));
        int id = f.Links.OpenSsl6("v6.test", server.Port, new TlsSettings { VerifyServer = false });
        Assert.True(server.Handshaken.Wait(5000));
        f.Links.Send(id, Encoding.ASCII.GetBytes("tls6"), 0, 4);
        Assert.Equal("tls6", Encoding.ASCII.GetString(f.ReadAll(id, 4)));
        f.Links.Close(id);
    }

    [Fact]
    public void WithoutTheOptionNoIpv6AddressAppearsAndV6LinksFail()
    {
        using var server = new LoopbackServer(LoopbackServer.Echo, IPAddress.IPv6Loopback);
        using var f = new LinkFixture();
        var addresses = new WifiService(f.Device).QueryStationAddresses();
        Assert.Single(addresses);
        Assert.Throws<AtCommandException>(() => f.Links.OpenTcp6("::1", server.Port));
        Assert.Equal(LinkState.Free, f.Links.StateOf(0));
    }
}

/// <summary>The ESP's IPv6 server ("TCPv6") over the emulator: a host client on ::1, accepted as an IPv6 link.</summary>
public class Ipv6ServerEndToEndTests
{
    [Theory]
    [InlineData("v3.3.0-c3")]
    [InlineData("v4.1.1-c3")]
    public void AV6ServerAcceptsAnIpv6ClientAsAnIpv6Link(string profile)
    {
        using var f = new LinkFixture(profile, ipv6: true);
        for (int i = 0; i < 100 && new Esp32At.Wifi.WifiService(f.Device).QueryStationAddresses().Length < 2; i++) Thread.Sleep(20);
        var server = new LinkServer(f.Links);
        server.Start(8080, 2, false, 0, false, true);
        var at = f.Emulator.Links.Ports.TcpServer(8080)!;
        Assert.Equal(IPAddress.IPv6Loopback, at.Address);
        using var client = new TcpClient(AddressFamily.InterNetworkV6) { NoDelay = true };
        client.Connect(at);
        int id = f.Links.Accept(5000);
        Assert.True(id >= 0);
        Assert.True(f.Links.IsIpv6(id));
        Assert.True(f.Links.QueryEndpointsText(id, out string remote, out int remotePort, out int localPort));
        Assert.Equal(("::1", ((IPEndPoint)client.Client.LocalEndPoint!).Port, 8080), (remote, remotePort, localPort));
        client.GetStream().Write("v6 in"u8);
        var buf = new byte[16];
        Assert.Equal("v6 in", Encoding.ASCII.GetString(buf, 0, f.Links.Receive(id, buf, 0, buf.Length, 5000)));
        Assert.StartsWith("1,8080,\"TCPv6\"", f.Device.Executor.Execute("AT+CIPSERVER?", 2000).Find("+CIPSERVER:"));
        server.Stop(true);
    }
}
