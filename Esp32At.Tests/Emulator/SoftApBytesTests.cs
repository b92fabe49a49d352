using Esp32At.Emulator.Core;

namespace Esp32At.Tests.Emulator;

/// <summary>Exact bytes of the soft-AP commands and its station URCs (spec §2.2 CWSAP/CWLIF/CWQIF, §3).</summary>
public class SoftApBytesTests
{
    private const string MacA = "aa:bb:cc:dd:ee:01";
    private const string MacB = "aa:bb:cc:dd:ee:02";

    private static RawPort Port(int mode = 2, EmulatorOptions? options = null)
    {
        var port = new RawPort(options: options);
        port.Command("ATE0");
        port.Command($"AT+CWMODE={mode}");
        return port;
    }

    private static string Error(RawPort port, string line) => port.Command(line, "ERROR\r\n");

    [Fact]
    public void DefaultConfigIsAnOpenApNamedAfterTheApMacAndTheQueryShowsThePassword()
    {
        using var port = Port();
        Assert.Equal("+CWSAP:\"ESP_6A2B11\",\"\",1,0,10,0\r\n\r\nOK\r\n", port.Command("AT+CWSAP?"));
        Assert.Equal("\r\nOK\r\n", port.Command("AT+CWSAP=\"MyAP\",\"password1\",6,3,4,1"));
        Assert.Equal("+CWSAP:\"MyAP\",\"password1\",6,3,4,1\r\n\r\nOK\r\n", port.Command("AT+CWSAP?"));
        Assert.Equal("\r\nOK\r\n", port.Command("AT+CWSAP=\"Open\",\"\",11,0"));
        Assert.Equal("+CWSAP:\"Open\",\"\",11,0,4,0\r\n\r\nOK\r\n", port.Command("AT+CWSAP?"));
    }

    [Theory]
    [InlineData("\"MyAP\",\"password1\",6,1")] // WEP
    [InlineData("\"MyAP\",\"short\",6,3")] // WPA2 needs 8 bytes
    [InlineData("\"MyAP\",\"password1\",6,5")]
    [InlineData("\"MyAP\",\"password1\",14,3")] // channel 14 is outside CN's 1-13
    [InlineData("\"MyAP\",\"password1\",0,3")]
    [InlineData("\"MyAP\",\"password1\",6,3,11")]
    [InlineData("\"MyAP\",\"password1\",6,3,4,2")]
    [InlineData("\"MyAP\",\"password1\",6")]
    [InlineData("\"\",\"password1\",6,3")]
    [InlineData("\"123456789012345678901234567890123\",\"password1\",6,3")]
    public void InvalidConfigurationsAreRejected(string args)
    {
        using var port = Port();
        Assert.Equal("\r\nERROR\r\n", Error(port, $"AT+CWSAP={args}"));
        Assert.Equal("+CWSAP:\"ESP_6A2B11\",\"\",1,0,10,0\r\n\r\nOK\r\n", port.Command("AT+CWSAP?"));
    }

    [Fact]
    public void WithSyslogErrorsNameTheParameterOrTheCount()
    {
        using var port = Port();
        port.Command("AT+SYSLOG=1");
        Assert.Equal("ERR CODE:0x01070003\r\n\r\nERROR\r\n", Error(port, "AT+CWSAP=\"MyAP\",\"password1\",6,1"));
        Assert.Equal("ERR CODE:0x01040001\r\n\r\nERROR\r\n", Error(port, "AT+CWSAP=\"MyAP\",\"short\",6,3"));
        Assert.Equal("ERR CODE:0x01060401\r\n\r\nERROR\r\n", Error(port, "AT+CWSAP=\"MyAP\""));
        Assert.Equal("ERR CODE:0x010a0000\r\n\r\nERROR\r\n", Error(port, "AT+CWQIF=\"aa:bb:cc:dd:ee:77\""));
    }

    [Fact]
    public void TheSoftApCommandsNeedApMode()
    {
        using var port = Port(mode: 1);
        Assert.Equal("\r\nERROR\r\n", Error(port, "AT+CWSAP?"));
        Assert.Equal("\r\nERROR\r\n", Error(port, "AT+CWSAP=\"MyAP\",\"password1\",6,3"));
        Assert.Equal("\r\nERROR\r\n", Error(port, "AT+CWLIF"));
        Assert.Equal("\r\nERROR\r\n", Error(port, "AT+CWQIF"));
        Assert.Null(port.Emulator.Radio.StationJoins(MacA));
        Assert.Equal(0, port.Pending);
    }

    [Fact]
    public void StationsJoinWithDhcpLeasesAndLeave()
    {
        using var port = Port();
        var a = port.Emulator.Radio.StationJoins(MacA);
        Assert.Equal("192.168.4.2", a!.Ip);
        Assert.Equal($"+STA_CONNECTED:\"{MacA}\"\r\n+DIST_STA_IP:\"{MacA}\",\"192.168.4.2\"\r\n", port.ReadUntil("\"192.168.4.2\"\r\n"));
        port.Emulator.Radio.StationJoins(MacB.ToUpperInvariant());
        Assert.Equal($"+STA_CONNECTED:\"{MacB}\"\r\n+DIST_STA_IP:\"{MacB}\",\"192.168.4.3\"\r\n", port.ReadUntil("\"192.168.4.3\"\r\n"));
        Assert.Equal($"+CWLIF:192.168.4.2,{MacA}\r\n+CWLIF:192.168.4.3,{MacB}\r\n\r\nOK\r\n", port.Command("AT+CWLIF"));
        Assert.True(port.Emulator.Radio.StationLeaves(MacA));
        Assert.Equal($"+STA_DISCONNECTED:\"{MacA}\"\r\n", port.ReadUntil("\r\n"));
        Assert.Equal($"+CWLIF:192.168.4.3,{MacB}\r\n\r\nOK\r\n", port.Command("AT+CWLIF"));
        // The freed lease is handed out again.
        Assert.Equal("192.168.4.2", port.Emulator.Radio.StationJoins("aa:bb:cc:dd:ee:03")!.Ip);
        Assert.False(port.Emulator.Radio.StationLeaves("aa:bb:cc:dd:ee:99"));
    }

    [Fact]
    public void WithoutTheApDhcpServerStationsGetNoLeaseAndAreNotListed()
    {
        using var port = Port();
        port.Command("AT+CWDHCP=0,2");
        Assert.Null(port.Emulator.Radio.StationJoins(MacA)!.Ip);
        Assert.Equal($"+STA_CONNECTED:\"{MacA}\"\r\n", port.ReadUntil("\r\n"));
        Assert.Equal("\r\nOK\r\n", port.Command("AT+CWLIF"));
    }

    [Fact]
    public void AFullApRefusesStationsSilently()
    {
        using var port = Port();
        port.Command("AT+CWSAP=\"MyAP\",\"password1\",6,3,1");
        Assert.NotNull(port.Emulator.Radio.StationJoins(MacA));
        port.ReadUntil("\"192.168.4.2\"\r\n");
        Assert.Null(port.Emulator.Radio.StationJoins(MacB));
        Assert.Equal("\r\nOK\r\n", port.Command("AT"));
    }

    [Fact]
    public void DisconnectingStationsPrintsTheirUrcsAfterOk()
    {
        using var port = Port();
        port.Emulator.Radio.StationJoins(MacA);
        port.Emulator.Radio.StationJoins(MacB);
        port.ReadUntil("\"192.168.4.3\"\r\n");
        Assert.Equal("\r\nERROR\r\n", Error(port, "AT+CWQIF=\"aa:bb:cc:dd:ee:77\""));
        Assert.Equal($"\r\nOK\r\n+STA_DISCONNECTED:\"{MacB}\"\r\n", port.Command($"AT+CWQIF=\"{MacB}\"", "\r\n+STA_DISCONNECTED:\"" + MacB + "\"\r\n"));
        port.Emulator.Radio.StationJoins(MacB);
        port.ReadUntil("\"192.168.4.3\"\r\n");
        Assert.Equal($"\r\nOK\r\n+STA_DISCONNECTED:\"{MacA}\"\r\n+STA_DISCONNECTED:\"{MacB}\"\r\n", port.Command("AT+CWQIF", $"+STA_DISCONNECTED:\"{MacB}\"\r\n"));
        Assert.Equal("\r\nOK\r\n", port.Command("AT+CWLIF"));
    }

    [Fact]
    public void ReconfiguringOrStoppingTheApDropsItsStations()
    {
        using var port = Port(mode: 3);
        port.Emulator.Radio.StationJoins(MacA);
        port.ReadUntil("\"192.168.4.2\"\r\n");
        Assert.Equal($"\r\nOK\r\n+STA_DISCONNECTED:\"{MacA}\"\r\n", port.Command("AT+CWSAP=\"MyAP\",\"password1\",6,3", $"\"{MacA}\"\r\n"));
        port.Emulator.Radio.StationJoins(MacB);
        port.ReadUntil("\"192.168.4.2\"\r\n");
        Assert.Equal($"\r\nOK\r\n+STA_DISCONNECTED:\"{MacB}\"\r\n", port.Command("AT+CWMODE=1", $"\"{MacB}\"\r\n"));
        Assert.Empty(port.Emulator.Radio.Stations);
    }

    [Fact]
    public void AStationJoiningWhileACommandRunsInterleavesWholeLines()
    {
        // Realistic speed for the scan only, so the station certainly joins while CWLAP runs.
        using var port = Port(mode: 3, options: new EmulatorOptions { SpeedFactor = 1, BootTimeMs = 0 }); // a full scan: 13 channels × 120 ms
        port.Send("AT+CWLAP\r\n");
        port.Send("AT\r\n"); // answered busy: proves the scan is running
        Assert.Equal("\r\nbusy p...\r\n", port.ReadUntil("busy p...\r\n"));
        port.Emulator.Radio.StationJoins(MacA);
        Assert.Equal($"+STA_CONNECTED:\"{MacA}\"\r\n+DIST_STA_IP:\"{MacA}\",\"192.168.4.2\"\r\n+CWLAP:(3,\"Home\",-48,\"5e:b1:86:92:aa:44\",6,-1,-1,4,4,7,0)\r\n\r\nOK\r\n",
            port.ReadUntil("\r\nOK\r\n"));
    }
}
