using System.Net;
using System.Net.Sockets;
using System.Text;
using Esp32At.Device;
using Esp32At.Emulator.Core;
using Esp32At.Emulator.Profiles;
using Esp32At.Hosting;
using Esp32At.Links;
using Esp32At.Tests.Links;

namespace Esp32At.Tests.EmulatorNet;

/// <summary>
/// The library's IPv6 links (Esp32AtOptions.Ipv6) against the emulator's (docs/esp-at-ipv6.md): both sides of the
/// wire contract meet, over real sockets on the host's ::1.
/// </summary>
public sealed class Ipv6LibraryEndToEndTests
{
    [Theory]
    [InlineData("v2.2.0-c3")]
    [InlineData("v4.1.1-c3")]
    public void ATcpV6LinkEchoesAndKnowsItsIpv6Peer(string profile)
    {
        using var server = new LoopbackServer(LoopbackServer.Echo, IPAddress.IPv6Loopback);
        using var f = new EmulatedLinksRig(new Esp32AtOptions { Ipv6 = true }, profile);
        int id = f.Links.OpenTcp6("::1", server.Port);
        Assert.True(f.Links.IsIpv6(id));
        f.Links.Send(id, "hello"u8.ToArray(), 0, 5);
        var buffer = new byte[16];
        int n = 0;
        while (n < 5) n += f.Links.Receive(id, buffer, n, buffer.Length - n, 5000);
        Assert.Equal("hello", Encoding.ASCII.GetString(buffer, 0, 5));
        var from = new byte[16];
        Assert.True(f.Links.RemoteIpv6Of(id, from, out int port));
        Assert.Equal(IPAddress.IPv6Loopback.GetAddressBytes(), from);
        Assert.Equal(server.Port, port);
        f.Links.Close(id);
    }

    [Fact]
    public void ANameResolvesToItsAaaaRecordAndAUdpV6LinkSendsToIt()
    {
        using var peer = new UdpClient(new IPEndPoint(IPAddress.IPv6Loopback, 0)) { Client = { ReceiveTimeout = 5000 } };
        int peerPort = ((IPEndPoint)peer.Client.LocalEndPoint!).Port;
        using var f = new EmulatedLinksRig(new Esp32AtOptions { Ipv6 = true }, "v4.1.1-c3");
        f.Emulator.Links.Dns.Add("v6.test", IPAddress.IPv6Loopback);
        Assert.Equal(IPAddress.IPv6Loopback.GetAddressBytes(), new HostResolver(f.Device).Resolve6("v6.test"));
        int id = f.Links.OpenUdp6("v6.test", peerPort);
        f.Links.Send(id, "ping"u8.ToArray(), 0, 4);
        var remote = new IPEndPoint(IPAddress.IPv6Any, 0);
        Assert.Equal("ping", Encoding.ASCII.GetString(peer.Receive(ref remote)));
        peer.Send("pong"u8.ToArray(), remote);
        var buffer = new byte[16];
        Assert.Equal(4, f.Links.Receive(id, buffer, 0, buffer.Length, 5000));
        Assert.Equal("pong", Encoding.ASCII.GetString(buffer, 0, 4));
        var from = new byte[16];
        Assert.True(f.Links.RemoteIpv6Of(id, from, out int port));
        Assert.Equal(peerPort, port);
    }
}
