using System.Net;
using System.Net.Sockets;
using System.Text;
using Esp32At.Emulator.Core;
using Esp32At.Emulator.Network;
using Esp32At.Tests.Emulator;

namespace Esp32At.Tests.EmulatorNet;

/// <summary>
/// Issue 14 part 3, "each simulated network (the AP's uplink, the soft-AP's LAN)": a link crosses its own network's
/// path. One run puts a long delay on one network and none on the other; the order in which the two links' answers
/// reach the UART shows which path each link took (not a wall-clock measurement).
/// </summary>
public class SoftApPathBytesTests
{
    private const int EspPort = 8080;
    private static readonly NetworkPath Slow = new("custom", 400, 0, 0);
    // Not zero: over bare loopback the echo could overtake SEND OK, and this test is about the order of the two links.
    private static readonly NetworkPath Fast = new("custom", 20, 0, 0);

    /// <summary>Soft-AP LAN slow, uplink fast: the soft-AP peer's byte, sent first, arrives after the uplink echo.</summary>
    [Fact]
    public void AServerLinkFromTheSoftApLanCrossesTheSoftApPath()
    {
        using var echo = new LoopbackServer(LoopbackServer.Echo);
        using var port = Open(uplink: Fast, softAp: Slow);
        using var phone = AcceptFromPhone(port);
        Assert.Equal("1,CONNECT\r\n\r\nOK\r\n", port.Command($"AT+CIPSTART=1,\"TCP\",\"127.0.0.1\",{echo.Port}"));
        phone.GetStream().Write("S"u8);
        Assert.Equal("\r\nOK\r\n\r\n>", port.Command("AT+CIPSEND=1,1", ">"));
        port.Send("C");
        Assert.Equal("\r\nRecv 1 bytes\r\n\r\nSEND OK\r\n", port.ReadUntil("SEND OK\r\n"));
        Assert.Equal("\r\n+IPD,1,1:C\r\n\r\n+IPD,0,1:S\r\n", port.ReadUntil(":S\r\n"));
    }

    /// <summary>Uplink slow, soft-AP LAN fast: the uplink echo, sent first, arrives after the soft-AP peer's byte.</summary>
    [Fact]
    public void AClientLinkToTheInternetCrossesTheUplinkPath()
    {
        using var echo = new LoopbackServer(LoopbackServer.Echo);
        using var port = Open(uplink: Slow, softAp: Fast);
        using var phone = AcceptFromPhone(port);
        Assert.Equal("1,CONNECT\r\n\r\nOK\r\n", port.Command($"AT+CIPSTART=1,\"TCP\",\"127.0.0.1\",{echo.Port}"));
        Assert.Equal("\r\nOK\r\n\r\n>", port.Command("AT+CIPSEND=1,1", ">"));
        port.Send("C");
        Assert.Equal("\r\nRecv 1 bytes\r\n\r\nSEND OK\r\n", port.ReadUntil("SEND OK\r\n"));
        phone.GetStream().Write("S"u8);
        Assert.Equal("\r\n+IPD,0,1:S\r\n\r\n+IPD,1,1:C\r\n", port.ReadUntil(":C\r\n"));
    }

    [Fact]
    public void ClientLinksChooseByTheSoftApSubnetAndServerLinksByTheInterface()
    {
        var options = new EmulatorOptions { SpeedFactor = 0, BootTimeMs = 0, JoinTimeMs = 0, Path = NetworkPath.Wan, SoftApPath = Slow };
        using var port = new RawPort(options: options);
        port.Command("ATE0");
        var phone = IPAddress.Parse("192.168.4.2");
        Assert.Same(NetworkPath.Wan, PathChoice.To(port.Emulator, phone)); // CWMODE 1: no soft-AP, station routes it
        Assert.Same(NetworkPath.Wan, PathChoice.ForAccepted(port.Emulator));
        port.Command("AT+CWMODE=2");
        Assert.Same(Slow, PathChoice.To(port.Emulator, phone));
        Assert.Same(Slow, PathChoice.To(port.Emulator, IPAddress.Parse("192.168.4.254")));
        Assert.Same(NetworkPath.Wan, PathChoice.To(port.Emulator, IPAddress.Parse("192.168.5.2")));
        Assert.Same(Slow, PathChoice.ForAccepted(port.Emulator)); // CWMODE 2: only the soft-AP can reach a server
        port.Command("AT+CWMODE=3");
        port.Command("AT+CWJAP=\"Home\",\"secret-pass\"");
        Assert.Same(NetworkPath.Wan, PathChoice.ForAccepted(port.Emulator)); // both up, no station on the soft-AP
        Assert.NotNull(port.Emulator.Radio.StationJoins("aa:bb:cc:dd:ee:01"));
        Assert.Same(Slow, PathChoice.ForAccepted(port.Emulator));
        Assert.Same(Slow, PathChoice.To(port.Emulator, phone));
        Assert.Same(NetworkPath.Wan, PathChoice.To(port.Emulator, IPAddress.Loopback));
    }

    [Fact]
    public void ConfigAndCliNameTheSoftApPath()
    {
        Assert.Same(NetworkPath.Lan, EmulatorConfigFile.Parse("{}").ToEmulatorOptions().SoftApPath);
        var options = EmulatorConfigFile.Parse("{\"network\": \"wan\", \"softApNetwork\": \"3,1,500000\"}").ToEmulatorOptions();
        Assert.Same(NetworkPath.Wan, options.Path);
        Assert.Equal(new NetworkPath("custom", 3, 1, 500000), options.SoftApPath);
        var cli = new EmulatorConfigFile { SoftApNetwork = "none" };
        Assert.Same(NetworkPath.None, EmulatorConfigFile.Parse("{\"softApNetwork\": \"wan\"}").OverriddenBy(cli).ToEmulatorOptions().SoftApPath);
        Assert.Throws<FormatException>(() => EmulatorConfigFile.Parse("{\"softApNetwork\": \"fast\"}").ToEmulatorOptions());
    }

    /// <summary>CWMODE 3, joined, a phone associated to the soft-AP, a server on link 0 and the phone connected to it.</summary>
    private static RawPort Open(NetworkPath uplink, NetworkPath softAp)
    {
        var port = new RawPort(options: new EmulatorOptions
        {
            SpeedFactor = 1, BootTimeMs = 0, JoinTimeMs = 0, Path = uplink, SoftApPath = softAp, HostPortsSameIfFree = false, UartPacing = false,
        });
        port.Command("ATE0");
        port.Command("AT+CWMODE=3");
        port.Command("AT+CWJAP=\"Home\",\"secret-pass\"");
        Assert.NotNull(port.Emulator.Radio.StationJoins("aa:bb:cc:dd:ee:01"));
        port.ReadUntil("+DIST_STA_IP:\"aa:bb:cc:dd:ee:01\",\"192.168.4.2\"\r\n");
        port.Command("AT+CIPMUX=1");
        port.Command($"AT+CIPSERVER=1,{EspPort}");
        return port;
    }

    private static TcpClient AcceptFromPhone(RawPort port)
    {
        var client = new TcpClient { NoDelay = true };
        client.Connect(port.Emulator.Links.Ports.TcpServer(EspPort)!);
        Assert.Equal("0,CONNECT\r\n", port.ReadUntil("CONNECT\r\n"));
        return client;
    }
}
