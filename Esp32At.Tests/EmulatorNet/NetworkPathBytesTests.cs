using Esp32At.Emulator.Core;
using Esp32At.Emulator.Network;
using Esp32At.Tests.Emulator;

namespace Esp32At.Tests.EmulatorNet;

/// <summary>The network path model (issue 14 part 3): links cross a simulated network, not bare loopback.</summary>
public class NetworkPathBytesTests
{
    [Fact]
    public void DeliveryIsLatencyPlusJitterPlusWireTime()
    {
        Assert.Equal(2.0, NetworkPath.Lan.DeliveryMs(0, 0));
        Assert.Equal(2.0 + 1 + 1000.0 * 2500 / 2_500_000, NetworkPath.Lan.DeliveryMs(2500, 0.9999999), 3);
        Assert.InRange(NetworkPath.Wan.DeliveryMs(0, 0), 20, 20);
        Assert.InRange(NetworkPath.Wan.DeliveryMs(0, 0.9999), 39.9, 40);
        Assert.Equal(0, NetworkPath.None.DeliveryMs(1000, 0.5));
        Assert.Same(NetworkPath.Wan, NetworkPath.Named("wan"));
        Assert.Null(NetworkPath.Named("fast"));
    }

    /// <summary>Issue 14 item 3: a driver that reads until its read ends in SEND OK lost the answer, because the
    /// echo's +IPD came in the same read. Over a path the answer is a round trip (here ≥ 40 ms) after SEND OK.</summary>
    [Fact]
    public void TheAnswerArrivesARoundTripAfterSendOk()
    {
        using var server = new LoopbackServer(LoopbackServer.Echo);
        using var port = new RawPort(options: new EmulatorOptions { SpeedFactor = 1, BootTimeMs = 0, JoinTimeMs = 0, Path = NetworkPath.Wan, HostPortsSameIfFree = false });
        port.Command("ATE0");
        port.Command("AT+CWJAP=\"Home\",\"secret-pass\"");
        long before = port.Emulator.Clock.FirmwareMs;
        Assert.Equal("CONNECT\r\n\r\nOK\r\n", port.Command($"AT+CIPSTART=\"TCP\",\"127.0.0.1\",{server.Port}"));
        Assert.True(port.Emulator.Clock.FirmwareMs - before >= 40, "the connect costs the SYN / SYN-ACK round trip");
        Assert.Equal("\r\nOK\r\n\r\n>", port.Command("AT+CIPSEND=3", ">"));
        port.Send("abc");
        Assert.Equal("\r\nRecv 3 bytes\r\n\r\nSEND OK\r\n", port.ReadUntil("SEND OK\r\n"));
        Assert.Equal(0, port.Pending);
        Assert.Equal("\r\n+IPD,3:abc\r\n", port.ReadUntil("abc\r\n"));
        Assert.Equal("CLOSED\r\n\r\nOK\r\n", port.Command("AT+CIPCLOSE"));
    }
}

/// <summary>--network / "network" in the config file.</summary>
public class NetworkPathOptionTests
{
    [Fact]
    public void ConfigNamesAPresetOrACustomPath()
    {
        Assert.Same(NetworkPath.Lan, EmulatorConfigFile.Parse("{}").ToEmulatorOptions().Path);
        Assert.Same(NetworkPath.Wan, EmulatorConfigFile.Parse("{\"network\": \"wan\"}").ToEmulatorOptions().Path);
        Assert.Equal(new NetworkPath("custom", 5, 2.5, 100000), EmulatorConfigFile.Parse("{\"network\": \"5,2.5,100000\"}").ToEmulatorOptions().Path);
        var cli = new EmulatorConfigFile { Network = "none" };
        Assert.Same(NetworkPath.None, EmulatorConfigFile.Parse("{\"network\": \"wan\"}").OverriddenBy(cli).ToEmulatorOptions().Path);
        var e = Assert.Throws<FormatException>(() => EmulatorConfigFile.Parse("{\"network\": \"fast\"}").ToEmulatorOptions());
        Assert.Contains("'fast'", e.Message);
    }
}
