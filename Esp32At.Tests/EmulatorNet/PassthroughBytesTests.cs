using System.Net;
using System.Net.Sockets;
using System.Text;
using Esp32At.Emulator.Core;
using Esp32At.Emulator.Profiles;
using Esp32At.Tests.Emulator;

namespace Esp32At.Tests.EmulatorNet;

/// <summary>UART-Wi-Fi passthrough (spec §1.6, §2.3 CIPMODE/CIPSEND, §2.4 <c>+++</c>): exact bytes and the refusals.</summary>
public class PassthroughBytesTests
{
    /// <summary>A single-connection emulator, ATE0, joined; <paramref name="speed"/> 1 for the tests of timing rules.</summary>
    private static RawPort Joined(double speed = 0, FirmwareProfile? profile = null)
    {
        var port = new RawPort(options: new EmulatorOptions
        {
            Profile = profile ?? FirmwareProfile.V4_1_1_C3, SpeedFactor = speed, BootTimeMs = 0, JoinTimeMs = 0, UartPacing = false,
            HostPortsSameIfFree = false,
        });
        port.Command("ATE0");
        port.Command("AT+CWJAP=\"Home\",\"secret-pass\"");
        return port;
    }

    [Theory]
    [InlineData("v2.2.0-c3")]
    [InlineData("v3.3.0-c3")]
    [InlineData("v4.1.1-c6")]
    public void RawDataBothWaysUntilPlusPlusPlus(string profile)
    {
        var got = new ReceivedBytes();
        using var server = new LoopbackServer(got.Serve(echo: true));
        using var port = Joined(profile: FirmwareProfile.Named(profile));
        Assert.Equal("CONNECT\r\n\r\nOK\r\n", port.Command($"AT+CIPSTART=\"TCP\",\"127.0.0.1\",{server.Port}"));
        Assert.Equal("+CIPMODE:0\r\n\r\nOK\r\n", port.Command("AT+CIPMODE?"));
        Assert.Equal("\r\nOK\r\n", port.Command("AT+CIPMODE=1"));
        Assert.Equal("+CIPMODE:1\r\n\r\nOK\r\n", port.Command("AT+CIPMODE?"));
        Assert.Equal("\r\nOK\r\n\r\n>", port.Command("AT+CIPSEND", ">"));

        port.Send("hello\r\nAT\r\n"); // not a command: data, and the echo comes back raw (no +IPD)
        Assert.Equal("hello\r\nAT\r\n", got.WaitFor(11));
        Assert.Equal("hello\r\nAT\r\n", port.ReadUntil("AT\r\n"));

        port.Send("+++");
        Assert.Equal("\r\nOK\r\n", port.Command("AT")); // no reply to +++; commands work again
        Assert.Equal(0, port.Pending);
        Assert.Equal("hello\r\nAT\r\n", got.Text); // +++ is not sent

        // The link stays open: AT+CIPSEND re-enters passthrough.
        Assert.Equal("\r\nOK\r\n\r\n>", port.Command("AT+CIPSEND", ">"));
        port.Send("again");
        Assert.Equal("again", port.ReadUntil("again"));
        port.Send("+++");
        Assert.Equal("\r\nOK\r\n", port.Command("AT"));
        Assert.NotNull(port.Emulator.Links[0]);
    }

    [Fact]
    public void QuittWithSysMsgBit0()
    {
        using var server = new LoopbackServer(LoopbackServer.Echo);
        using var port = Joined();
        port.Command($"AT+CIPSTART=\"TCP\",\"127.0.0.1\",{server.Port}");
        port.Command("AT+SYSMSG=1");
        port.Command("AT+CIPMODE=1");
        Assert.Equal("\r\nOK\r\n\r\n>", port.Command("AT+CIPSEND", ">"));
        port.Send("+++");
        Assert.Equal("\r\n+QUITT\r\n", port.ReadUntil("+QUITT\r\n"));
        Assert.Equal("\r\nOK\r\n", port.Command("AT"));
    }

    [Fact]
    public void PlusSignsInsideDataAreData()
    {
        var got = new ReceivedBytes();
        using var server = new LoopbackServer(got.Serve());
        using var port = Joined();
        port.Command($"AT+CIPSTART=\"TCP\",\"127.0.0.1\",{server.Port}");
        port.Command("AT+CIPMODE=1");
        port.Command("AT+CIPSEND", ">");
        port.Send("a+++"); // not preceded by idle
        port.Send("++++"); // a fourth plus
        port.Send("+++b"); // not followed by idle
        Assert.Equal("a++++++++++b", got.WaitFor(12));
        port.Send("+++");
        Assert.Equal("\r\nOK\r\n", port.Command("AT"));
    }

    [Fact]
    public void PlusPlusPlusNeedsIdleBeforeAndAfterInRealTime()
    {
        var got = new ReceivedBytes();
        using var server = new LoopbackServer(got.Serve());
        using var port = Joined(speed: 1);
        port.Command($"AT+CIPSTART=\"TCP\",\"127.0.0.1\",{server.Port}");
        port.Command("AT+CIPMODE=1");
        port.Command("AT+TRANSINTVL=0");
        port.Command("AT+SYSMSG=1");
        port.Command("AT+CIPSEND", ">");
        port.Send("x");
        port.Send("+++y"); // +++ then data within 20 ms: all data
        Assert.Equal("x+++y", got.WaitFor(5));
        Thread.Sleep(60); // the idle before the pattern is what is under test
        port.Send("+++");
        Assert.Equal("\r\n+QUITT\r\n", port.ReadUntil("+QUITT\r\n")); // after 20 ms of idle
        Assert.Equal("\r\nOK\r\n", port.Command("AT"));
        Assert.Equal("x+++y", got.Text);
    }

    [Fact]
    public void DataGoesOutIn2920BytePacketsOrAfterTheInterval()
    {
        var got = new ReceivedBytes();
        using var server = new LoopbackServer(got.Serve());
        using var port = Joined(speed: 1);
        port.Command($"AT+CIPSTART=\"TCP\",\"127.0.0.1\",{server.Port}");
        port.Command("AT+CIPMODE=1");
        Assert.Equal("\r\nOK\r\n", port.Command("AT+TRANSINTVL=1000"));
        Assert.Equal("+TRANSINTVL:1000\r\n\r\nOK\r\n", port.Command("AT+TRANSINTVL?"));
        port.Command("AT+CIPSEND", ">");
        var data = new byte[3000];
        for (int i = 0; i < data.Length; i++) data[i] = (byte)('a' + i % 26);
        var started = DateTime.UtcNow;
        port.SendBytes(data);
        got.WaitFor(2920);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromMilliseconds(900), "a full packet goes at once");
        Assert.Equal(2920, got.Count); // the 80 left wait for the interval
        Assert.Equal(Encoding.Latin1.GetString(data), got.WaitFor(3000));
        Assert.True(DateTime.UtcNow - started >= TimeSpan.FromMilliseconds(950), "the rest waited for TRANSINTVL");
    }

    [Fact]
    public void CipModeRefusals()
    {
        using var a = new LoopbackServer(LoopbackServer.Echo);
        using var b = new LoopbackServer(LoopbackServer.Echo);
        using var port = Joined();
        Assert.Equal("\r\nERROR\r\n", port.Command("AT+CIPSEND", "\r\nERROR\r\n")); // CIPMODE=0 wants a length
        port.Command("AT+CIPMODE=1");
        Assert.Equal("\r\nERROR\r\n", port.Command("AT+CIPSEND", "\r\nERROR\r\n")); // no link
        Assert.Equal("\r\nERROR\r\n", port.Command("AT+CIPMUX=1", "\r\nERROR\r\n")); // IPMODE != 0
        port.Command($"AT+CIPSTART=\"TCP\",\"127.0.0.1\",{a.Port}");
        Assert.Equal("\r\nERROR\r\n", port.Command("AT+CIPSEND=4", "\r\nERROR\r\n")); // a length with CIPMODE=1
        port.Command("AT+CIPCLOSE");
        port.Command("AT+CIPMODE=0");

        // Multiple connections: refused with two links, or while a server could accept more than one.
        port.Command("AT+CIPMUX=1");
        Assert.Equal("\r\nERROR\r\n", port.Command("AT+CIPMODE=1", "\r\nERROR\r\n")); // CIPSERVERMAXCONN 5
        port.Command($"AT+CIPSTART=0,\"TCP\",\"127.0.0.1\",{a.Port}");
        port.Command($"AT+CIPSTART=1,\"TCP\",\"127.0.0.1\",{b.Port}");
        port.Command("AT+CIPSERVERMAXCONN=1");
        Assert.Equal("\r\nERROR\r\n", port.Command("AT+CIPMODE=1", "\r\nERROR\r\n"));
        port.Command("AT+CIPCLOSE=1");
        Assert.Equal("\r\nOK\r\n", port.Command("AT+CIPMODE=1"));
    }

    [Fact]
    public void UdpPassthroughNeedsAFixedRemote()
    {
        using var peer = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0)) { Client = { ReceiveTimeout = 5000 } };
        int peerPort = ((IPEndPoint)peer.Client.LocalEndPoint!).Port;
        using var port = Joined();
        port.Command("AT+CIPMODE=1");
        port.Command($"AT+CIPSTART=\"UDP\",\"127.0.0.1\",{peerPort},0,2");
        Assert.Equal("\r\nERROR\r\n", port.Command("AT+CIPSEND", "\r\nERROR\r\n"));
        port.Command("AT+CIPCLOSE");
        port.Command($"AT+CIPSTART=\"UDP\",\"127.0.0.1\",{peerPort},0,0");
        Assert.Equal("\r\nOK\r\n\r\n>", port.Command("AT+CIPSEND", ">"));
        port.Send("dgram");
        var from = new IPEndPoint(IPAddress.Any, 0);
        Assert.Equal("dgram", Encoding.ASCII.GetString(peer.Receive(ref from)));
        peer.Send("back"u8.ToArray(), from);
        Assert.Equal("back", port.ReadUntil("back"));
        port.Send("+++");
        Assert.Equal("\r\nOK\r\n", port.Command("AT"));
    }

    [Fact]
    public void APeerCloseIsSilentInPassthrough()
    {
        using var server = new LoopbackServer(s =>
        {
            s.ReadByte();
            s.Write("bye"u8);
            s.Flush();
        });
        using var port = Joined();
        port.Command($"AT+CIPSTART=\"TCP\",\"127.0.0.1\",{server.Port}");
        port.Command("AT+CIPMODE=1");
        port.Command("AT+CIPSEND", ">");
        port.Send("x");
        Assert.Equal("bye", port.ReadUntil("bye"));
        NetPorts.Eventually(() => port.Emulator.Links[0] is null, "the peer close");
        port.Send("+++");
        Assert.Equal("\r\nOK\r\n", port.Command("AT")); // no CLOSED (SYSMSG bit2 is off)
    }
}
