using GHIElectronics.TinyCLR.Framework;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Esp32At.Device;
using Esp32At.Emulator.Core;
using Esp32At.Emulator.Profiles;
using Esp32At.Hosting;
using Esp32At.TinyCLR.Provider;
using Esp32At.Tests.EmulatorNet;
using GHIElectronics.TinyCLR.Devices.Network;

namespace Esp32At.Tests.TinyClr;

/// <summary>
/// The provider with Esp32AtOptions.Ipv6 over the emulator's IPv6: GHI's Socket (FrameworkSocket) with
/// AddressFamily.InterNetworkV6 and an Ipv6EndPoint reaches a real peer on the host's ::1 over TCPv6 and UDPv6.
/// </summary>
public sealed class ProviderIpv6EndToEndTests : IDisposable
{
    private readonly EspEmulator emulator = new(new EmulatorOptions { Profile = FirmwareProfile.Named("v4.1.1-c3"), SpeedFactor = 0, BootTimeMs = 0 });
    private readonly Esp32AtNetworkProvider provider;

    public ProviderIpv6EndToEndTests()
    {
        provider = new Esp32AtNetworkProvider(new EmulatorTransport(emulator), new Esp32AtOptions { Ipv6 = true });
        var controller = NetworkController.FromProvider(provider);
        controller.SetInterfaceSettings(new WiFiNetworkInterfaceSettings { Ssid = "Home", Password = "secret-pass" });
        controller.Enable();
        for (int i = 0; i < 100 && !provider.Wifi.QueryStationAddresses()[0].StartsWith("FE80::"); i++) Thread.Sleep(20);
    }

    public void Dispose()
    {
        provider.Dispose();
        emulator.Dispose();
    }

    [Fact]
    public void AStreamSocketOfInterNetworkV6EchoesOverTcpV6()
    {
        using var server = new LoopbackServer(LoopbackServer.Echo, IPAddress.IPv6Loopback);
        using var socket = new FrameworkSocket(provider, family: AddressFamily.InterNetworkV6) { ReceiveTimeout = 10_000, SendTimeout = 10_000 };
        socket.Connect(new Ipv6EndPoint("::1", server.Port));
        socket.Send(Encoding.ASCII.GetBytes("over v6"));
        var buffer = new byte[16];
        int n = socket.Receive(buffer);
        Assert.Equal("over v6", Encoding.ASCII.GetString(buffer, 0, n));
        Assert.True(provider.Table.IsIpv6(0));
    }

    [Fact]
    public void ADatagramSocketOfInterNetworkV6SendsToAndReceivesFromAnIpv6Peer()
    {
        using var peer = new UdpClient(new IPEndPoint(IPAddress.IPv6Loopback, 0)) { Client = { ReceiveTimeout = 5000 } };
        int peerPort = ((IPEndPoint)peer.Client.LocalEndPoint!).Port;
        using var socket = new FrameworkSocket(provider, SocketType.Dgram, ProtocolType.Udp, AddressFamily.InterNetworkV6) { ReceiveTimeout = 10_000 };
        var to = new Ipv6EndPoint("::1", peerPort);
        socket.SendTo(Encoding.ASCII.GetBytes("ping6"), to);
        var from = new IPEndPoint(IPAddress.IPv6Any, 0);
        Assert.Equal("ping6", Encoding.ASCII.GetString(peer.Receive(ref from)));
        peer.Send(Encoding.ASCII.GetBytes("pong6"), from);
        EndPoint sender = new Ipv6EndPoint("::", 0);
        var buffer = new byte[16];
        int n = socket.ReceiveFrom(buffer, ref sender);
        Assert.Equal("pong6", Encoding.ASCII.GetString(buffer, 0, n));
        Assert.Equal(to, sender);
    }
}
