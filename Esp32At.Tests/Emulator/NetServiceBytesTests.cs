using System.Net;
using System.Text.RegularExpressions;
using Esp32At.Emulator.Core;
using Esp32At.Emulator.Profiles;

namespace Esp32At.Tests.Emulator;

/// <summary>Exact bytes of PING, SNTP and mDNS (spec §2.3, §3 +TIME_UPDATED).</summary>
public class NetServiceBytesTests
{
    /// <param name="cold">A cold power-on: the clock starts at 1970 (else it holds the network time already).</param>
    private static RawPort Port(FirmwareProfile? profile = null, bool join = true, bool cold = false)
    {
        var port = new RawPort(options: new EmulatorOptions { Profile = profile ?? FirmwareProfile.V4_1_1_C3, SpeedFactor = 0, BootTimeMs = 0, ClockSetAtStart = !cold });
        port.Command("ATE0");
        if (join) port.Command("AT+CWJAP=\"Home\",\"secret-pass\"");
        return port;
    }

    private static string Error(RawPort port, string line) => port.Command(line, "ERROR\r\n");

    [Fact]
    public void PingReportsTheRoundTripOfLiteralsAndResolvedNames()
    {
        using var port = Port();
        Assert.Equal("+PING:12\r\n\r\nOK\r\n", port.Command("AT+PING=\"192.168.1.1\""));
        port.Emulator.Radio.SetPingTime("10.0.0.9", 35);
        Assert.Equal("+PING:35\r\n\r\nOK\r\n", port.Command("AT+PING=\"10.0.0.9\""));
        port.Emulator.Links.Dns.Add("example.test", IPAddress.Parse("10.0.0.9"));
        Assert.Equal("+PING:35\r\n\r\nOK\r\n", port.Command("AT+PING=\"example.test\""));
    }

    [Fact]
    public void PingTimesOutForSilentHostsUnknownNamesAndWithoutIp()
    {
        using var port = Port();
        port.Emulator.Radio.SetPingTime("10.0.0.66", null);
        Assert.Equal("+PING:TIMEOUT\r\n\r\nERROR\r\n", Error(port, "AT+PING=\"10.0.0.66\""));
        Assert.Equal("+PING:TIMEOUT\r\n\r\nERROR\r\n", Error(port, "AT+PING=\"nowhere.test\""));
        port.Command("AT+CWQAP");
        port.ReadUntil("WIFI DISCONNECT\r\n");
        Assert.Equal("+PING:TIMEOUT\r\n\r\nERROR\r\n", Error(port, "AT+PING=\"192.168.1.1\""));
        Assert.Equal("\r\nERROR\r\n", Error(port, "AT+PING=192.168.1.1")); // the host must be quoted
        Assert.Equal("\r\nERROR\r\n", Error(port, "AT+PING?"));
    }

    [Fact]
    public void PingReachesSoftApStationsWithoutAStationLink()
    {
        using var port = Port(join: false);
        port.Command("AT+CWMODE=2");
        port.Emulator.Radio.StationJoins("aa:bb:cc:dd:ee:01");
        port.ReadUntil("\"192.168.4.2\"\r\n");
        Assert.Equal("+PING:12\r\n\r\nOK\r\n", port.Command("AT+PING=\"192.168.4.2\""));
        Assert.Equal("+PING:TIMEOUT\r\n\r\nERROR\r\n", Error(port, "AT+PING=\"192.168.4.9\""));
    }

    [Fact]
    public void SntpConfigAnswersAtOnceAndTimeUpdatedFollows()
    {
        using var port = Port(cold: true);
        port.Emulator.Radio.NetworkUtcNow = () => new DateTime(2021, 10, 19, 9, 47, 56, DateTimeKind.Utc);
        Assert.Equal("+CIPSNTPCFG:0,0\r\n\r\nOK\r\n", port.Command("AT+CIPSNTPCFG?"));
        Assert.Matches(new Regex(@"^\+CIPSNTPTIME:Thu Jan  1 00:00:0\d 1970\r\nOK\r\n$"), port.Command("AT+CIPSNTPTIME?"));
        Assert.Equal("\r\nOK\r\n+TIME_UPDATED\r\n", port.Command("AT+CIPSNTPCFG=1,8,\"pool.ntp.org\"", "+TIME_UPDATED\r\n"));
        Assert.Equal("+CIPSNTPTIME:Tue Oct 19 17:47:56 2021\r\nOK\r\n", port.Command("AT+CIPSNTPTIME?"));
        Assert.Equal("+CIPSNTPCFG:1,8,\"pool.ntp.org\"\r\nOK\r\n", port.Command("AT+CIPSNTPCFG?"));
        port.Command("AT+CIPSNTPCFG=1,-330");
        port.ReadUntil("+TIME_UPDATED\r\n");
        Assert.Equal("+CIPSNTPCFG:1,-330,\"cn.ntp.org.cn\",\"ntp.sjtu.edu.cn\",\"us.pool.ntp.org\"\r\nOK\r\n", port.Command("AT+CIPSNTPCFG?"));
        Assert.Equal("+CIPSNTPTIME:Tue Oct 19 06:17:56 2021\r\nOK\r\n", port.Command("AT+CIPSNTPTIME?"));
        Assert.Equal("\r\nOK\r\n", port.Command("AT+CIPSNTPCFG=0"));
        Assert.Equal("+CIPSNTPCFG:0,-330\r\n\r\nOK\r\n", port.Command("AT+CIPSNTPCFG?"));
    }

    [Theory]
    [InlineData("AT+CIPSNTPCFG=2")]
    [InlineData("AT+CIPSNTPCFG=1,15")]
    [InlineData("AT+CIPSNTPCFG=1,-13")]
    [InlineData("AT+CIPSNTPCFG=1,1260")]
    [InlineData("AT+CIPSNTPCFG=1,-1230")]
    [InlineData("AT+CIPSNTPCFG=1,\"8\"")]
    [InlineData("AT+CIPSNTPCFG=1,8,\"a\",\"b\",\"c\",\"d\"")]
    public void InvalidSntpConfigsAreRejected(string line)
    {
        using var port = Port();
        Assert.Equal("\r\nERROR\r\n", Error(port, line));
    }

    [Fact]
    public void SntpSyncsOnceTheStationHasIpAndNeverWhenServersAreUnreachable()
    {
        using var port = Port(join: false);
        Assert.Equal("\r\nOK\r\n", port.Command("AT+CIPSNTPCFG=1,0"));
        Assert.Equal("\r\nOK\r\n", port.Command("AT"));
        Assert.Equal(0, port.Pending);
        // +TIME_UPDATED may come before or after CWJAP's OK (an asynchronous URC): both are whole lines.
        var answer = port.Command("AT+CWJAP=\"Home\",\"secret-pass\"");
        if (!answer.Contains("+TIME_UPDATED")) answer += port.ReadUntil("+TIME_UPDATED\r\n");
        Assert.Equal("WIFI CONNECTED\r\nWIFI GOT IP\r\n\r\nOK\r\n", answer.Replace("+TIME_UPDATED\r\n", ""));

        using var blocked = Port();
        blocked.Emulator.Radio.SntpReachable = false;
        Assert.Equal("\r\nOK\r\n", blocked.Command("AT+CIPSNTPCFG=1,0"));
        Assert.Equal("\r\nOK\r\n", blocked.Command("AT"));
        Assert.Equal(0, blocked.Pending);
    }

    [Fact]
    public void TheSyncedTimeSurvivesASoftReset()
    {
        using var port = Port(cold: true);
        port.Emulator.Radio.NetworkUtcNow = () => new DateTime(2025, 7, 31, 10, 2, 11, DateTimeKind.Utc);
        port.Command("AT+CIPSNTPCFG=1,0");
        port.ReadUntil("+TIME_UPDATED\r\n");
        port.Send("AT+RST\r\n");
        port.ReadUntil("ready\r\n");
        // The network saved by CWJAP (SYSSTORE=1) is joined again after the boot: let its URCs pass first.
        port.ReadUntil("WIFI GOT IP\r\n");
        port.Command("ATE0");
        Assert.Equal("+CIPSNTPTIME:Thu Jul 31 10:02:11 2025\r\nOK\r\n", port.Command("AT+CIPSNTPTIME?"));
    }

    [Fact]
    public void V22NeedsTheTimezoneAndHasNoSntpInterval()
    {
        using var v22 = Port(FirmwareProfile.V2_2_C3, join: false);
        Assert.Equal("+CIPSNTPCFG:0\r\n\r\nOK\r\n", v22.Command("AT+CIPSNTPCFG?"));
        Assert.Equal("\r\nERROR\r\n", Error(v22, "AT+CIPSNTPCFG=1"));
        Assert.Equal("\r\nOK\r\n", v22.Command("AT+CIPSNTPCFG=1,8"));
        Assert.Equal("\r\nERROR\r\n", Error(v22, "AT+CIPSNTPINTV?"));

        using var v41 = Port(join: false);
        Assert.Equal("+CIPSNTPINTV:3600\r\n\r\nOK\r\n", v41.Command("AT+CIPSNTPINTV?"));
        Assert.Equal("\r\nOK\r\n", v41.Command("AT+CIPSNTPINTV=15"));
        Assert.Equal("+CIPSNTPINTV:15\r\n\r\nOK\r\n", v41.Command("AT+CIPSNTPINTV?"));
        Assert.Equal("\r\nERROR\r\n", Error(v41, "AT+CIPSNTPINTV=14"));
    }

    [Fact]
    public void MdnsKeepsTheAdvertisedServiceUntilStopped()
    {
        using var port = Port();
        Assert.Equal("\r\nOK\r\n", port.Command("AT+MDNS=1,\"esp\",\"_http\",80"));
        var m = port.Emulator.State.Wireless.Mdns!;
        Assert.Equal(("esp", "_http", 80, "esp", "_tcp", 0), (m.Hostname, m.ServiceType, m.Port, m.Instance, m.Protocol, m.Txt.Count));
        Assert.Equal("\r\nERROR\r\n", Error(port, "AT+MDNS=1,\"esp\",\"_http\",80")); // already running
        Assert.Equal("\r\nOK\r\n", port.Command("AT+MDNS=0"));
        Assert.Null(port.Emulator.State.Wireless.Mdns);
        Assert.Equal("\r\nOK\r\n", port.Command("AT+MDNS=0"));
        Assert.Equal("\r\nOK\r\n", port.Command("AT+MDNS=1,\"esp\",\"_http\",80,\"My Web\",\"_tcp\",2,\"path\",\"/\",\"v\",\"1\""));
        m = port.Emulator.State.Wireless.Mdns!;
        Assert.Equal("My Web", m.Instance);
        Assert.Equal([new("path", "/"), new("v", "1")], m.Txt);
    }

    [Theory]
    [InlineData("AT+MDNS=1,\"esp\"")]
    [InlineData("AT+MDNS=1,\"esp\",\"_http\",70000")]
    [InlineData("AT+MDNS=1,\"\",\"_http\",80")]
    [InlineData("AT+MDNS=1,\"esp\",\"_http\",80,\"x\",\"_xyz\"")]
    [InlineData("AT+MDNS=1,\"esp\",\"_http\",80,\"x\",\"_tcp\",2,\"k\",\"v\"")]
    [InlineData("AT+MDNS=1,\"esp\",\"_http\",80,\"x\",\"_tcp\",0")]
    [InlineData("AT+MDNS=0,\"esp\"")]
    [InlineData("AT+MDNS=2")]
    [InlineData("AT+MDNS?")]
    public void InvalidMdnsCommandsAreRejected(string line)
    {
        using var port = Port();
        Assert.Equal("\r\nERROR\r\n", Error(port, line));
        Assert.Null(port.Emulator.State.Wireless.Mdns);
    }
}
