using Esp32At.Emulator.Core;
using Esp32At.Emulator.Profiles;
using Esp32At.Emulator.Radio;
using Esp32At.Tests.EmulatorNet;

namespace Esp32At.Tests.Emulator;

/// <summary>Exact bytes of scan options, join parameters and failures, and Wi-Fi loss/auto-reconnect (spec §2.2, §3).</summary>
public class WifiStationBytesTests
{
    private static readonly AccessPoint Home = new("Home", "secret-pass", Bssid: "5e:b1:86:92:aa:44");
    private static readonly AccessPoint Cafe = AccessPoint.Parse("Cafe,,-71,11,OPEN");

    private static RawPort Port(IReadOnlyList<AccessPoint>? aps = null, FirmwareProfile? profile = null)
    {
        var port = new RawPort(options: new EmulatorOptions
        {
            Profile = profile ?? FirmwareProfile.V4_1_1_C3, AccessPoints = aps ?? [Home], SpeedFactor = 0, BootTimeMs = 0,
        });
        port.Command("ATE0");
        return port;
    }

    private const string HomeLine = "+CWLAP:(3,\"Home\",-48,\"5e:b1:86:92:aa:44\",6,-1,-1,4,4,7,0)\r\n";
    private const string CafeLine = "+CWLAP:(0,\"Cafe\",-71,\"0e:5f:2e:74:a9:f6\",11,-1,-1,0,0,7,0)\r\n";

    [Fact]
    public void ScanListsStrongestFirstAndFiltersByMacAndChannel()
    {
        using var port = Port([Cafe, Home]);
        Assert.Equal(HomeLine + CafeLine + "\r\nOK\r\n", port.Command("AT+CWLAP"));
        Assert.Equal(CafeLine + "\r\nOK\r\n", port.Command("AT+CWLAP=,\"0E:5F:2E:74:A9:F6\""));
        Assert.Equal(HomeLine + "\r\nOK\r\n", port.Command("AT+CWLAP=,,6"));
        Assert.Equal("\r\nOK\r\n", port.Command("AT+CWLAP=\"Nowhere\""));
        Assert.Equal("\r\nERROR\r\n", port.Command("AT+CWLAP=,,15", "ERROR\r\n"));
    }

    [Fact]
    public void TheChannelBitmapArgumentExistsFromV41()
    {
        using var v41 = Port();
        Assert.Equal(HomeLine + "\r\nOK\r\n", v41.Command("AT+CWLAP=,,,0,0,0,8191"));
        using var v33 = Port(profile: FirmwareProfile.V3_3_C3);
        Assert.Equal("\r\nERROR\r\n", v33.Command("AT+CWLAP=,,,0,0,0,8191", "ERROR\r\n"));
    }

    [Fact]
    public void LapOptSelectsFieldsRssiAndAuthModes()
    {
        using var port = Port([Cafe, Home]);
        Assert.Equal("\r\nOK\r\n", port.Command("AT+CWLAPOPT=,31"));
        Assert.Equal("+CWLAP:(3,\"Home\",-48,\"5e:b1:86:92:aa:44\",6)\r\n+CWLAP:(0,\"Cafe\",-71,\"0e:5f:2e:74:a9:f6\",11)\r\n\r\nOK\r\n", port.Command("AT+CWLAP"));
        // The first printed field has no leading comma.
        port.Command("AT+CWLAPOPT=1,6,-60");
        Assert.Equal("+CWLAP:(\"Home\",-48)\r\n\r\nOK\r\n", port.Command("AT+CWLAP"));
        port.Command("AT+CWLAPOPT=0,1026,-100,1"); // ssid + wps, open networks only
        Assert.Equal("+CWLAP:(\"Cafe\",0)\r\n\r\nOK\r\n", port.Command("AT+CWLAP"));
        Assert.Equal("\r\nERROR\r\n", port.Command("AT+CWLAPOPT=,2048", "ERROR\r\n"));
        Assert.Equal("\r\nERROR\r\n", port.Command("AT+CWLAPOPT=2,31", "ERROR\r\n"));
        Assert.Equal("\r\nERROR\r\n", port.Command("AT+CWLAPOPT=,31,41", "ERROR\r\n"));
        Assert.Equal("\r\nERROR\r\n", port.Command("AT+CWLAPOPT?", "ERROR\r\n"));
    }

    [Fact]
    public void JoinQueryEchoesTheJoinParametersAndTheReconnectIntervalIsShared()
    {
        using var port = Port();
        Assert.Equal("+CWRECONNCFG:0,0\r\n\r\nOK\r\n", port.Command("AT+CWRECONNCFG?"));
        Assert.Equal("WIFI CONNECTED\r\nWIFI GOT IP\r\n\r\nOK\r\n", port.Command("AT+CWJAP=\"Home\",\"secret-pass\",\"5e:b1:86:92:aa:44\",1,5,10,1,20,0"));
        Assert.Equal("+CWJAP:\"Home\",\"5e:b1:86:92:aa:44\",6,-48,1,5,10,1,0\r\n\r\nOK\r\n", port.Command("AT+CWJAP?"));
        Assert.Equal("+CWRECONNCFG:5,0\r\n\r\nOK\r\n", port.Command("AT+CWRECONNCFG?"));
        port.Command("AT+CWRECONNCFG=7,3");
        Assert.Equal("+CWJAP:\"Home\",\"5e:b1:86:92:aa:44\",6,-48,1,7,10,1,0\r\n\r\nOK\r\n", port.Command("AT+CWJAP?"));
        Assert.Equal("\r\nERROR\r\n", port.Command("AT+CWRECONNCFG=7201,0", "ERROR\r\n"));
        Assert.Equal("\r\nERROR\r\n", port.Command("AT+CWRECONNCFG=1,1001", "ERROR\r\n"));
        Assert.Equal("\r\nERROR\r\n", port.Command("AT+CWRECONNCFG=1,1,1", "ERROR\r\n"));
    }

    [Theory]
    [InlineData("\"Home\",\"secret-pass\",,,7201")]
    [InlineData("\"Home\",\"secret-pass\",,,,0")]
    [InlineData("\"Home\",\"secret-pass\",,,,,,2")]
    [InlineData("\"Home\",\"secret-pass\",\"zz:b1:86:92:aa:44\"")]
    [InlineData("\"Home\"")]
    [InlineData("\"\",\"secret-pass\"")]
    public void InvalidJoinArgumentsFailWithoutACwjapCode(string args)
    {
        using var port = Port();
        Assert.Equal("\r\nERROR\r\n", port.Command($"AT+CWJAP={args}", "ERROR\r\n"));
        Assert.Equal("+CWSTATE:0,\"\"\r\n\r\nOK\r\n", port.Command("AT+CWSTATE?"));
    }

    [Theory]
    [InlineData(1, "\"Slow\",\"password1\",,,,,,3")]
    [InlineData(4, "\"Slow\",\"password1\"")]
    [InlineData(3, "\"Home\",\"secret-pass\",\"02:00:00:00:00:01\"")]
    public void JoinFailuresGiveTheirCodes(int code, string args)
    {
        var slow = new AccessPoint("Slow", "password1") { JoinFailure = code == 3 ? 0 : code };
        using var port = Port([Home, slow]);
        Assert.Equal($"WIFI DISCONNECT\r\n+CWJAP:{code}\r\n\r\nERROR\r\n", port.Command($"AT+CWJAP={args}", "ERROR\r\n"));
    }

    [Fact]
    public void TheExecuteFormRejoinsTheStoredNetwork()
    {
        using var port = Port();
        Assert.Equal("\r\nERROR\r\n", port.Command("AT+CWJAP", "ERROR\r\n"));
        port.Command("AT+CWJAP=\"Home\",\"secret-pass\"");
        port.Command("AT+CWQAP");
        Assert.Equal("WIFI DISCONNECT\r\n", port.ReadUntil("WIFI DISCONNECT\r\n"));
        Assert.Equal("WIFI CONNECTED\r\nWIFI GOT IP\r\n\r\nOK\r\n", port.Command("AT+CWJAP"));
    }

    [Fact]
    public void LosingTheApClosesLinksAndAutoReconnectBringsWifiBack()
    {
        using var server = new LoopbackServer(LoopbackServer.Echo);
        using var port = Port();
        port.Command("AT+CIPMUX=1");
        port.Command("AT+CWJAP=\"Home\",\"secret-pass\"");
        port.Command($"AT+CIPSTART=3,\"TCP\",\"127.0.0.1\",{server.Port}");
        Assert.True(port.Emulator.Radio.DropConnection());
        Assert.Equal("WIFI DISCONNECT\r\n3,CLOSED\r\n", port.ReadUntil("CLOSED\r\n"));
        Assert.Equal("+CWSTATE:3,\"Home\"\r\n\r\nOK\r\n", port.Command("AT+CWSTATE?"));
        Assert.Equal("\r\nOK\r\n", port.Command("AT+CWJAP?")); // reconnecting: no +CWJAP line
        Assert.Equal("\r\nOK\r\n", port.Command("AT+CWLAP")); // the AP is out of range
        port.Emulator.Radio.RestoreConnection();
        Assert.Equal("WIFI CONNECTED\r\nWIFI GOT IP\r\n", port.ReadUntil("WIFI GOT IP\r\n"));
        Assert.Equal("+CWSTATE:2,\"Home\"\r\n\r\nOK\r\n", port.Command("AT+CWSTATE?"));
    }

    [Fact]
    public void WithoutAReconnectIntervalTheStationStaysDisconnected()
    {
        using var port = Port();
        port.Command("AT+CWJAP=\"Home\",\"secret-pass\"");
        port.Command("AT+CWRECONNCFG=0,0");
        port.Emulator.Radio.DropConnection();
        Assert.Equal("WIFI DISCONNECT\r\n", port.ReadUntil("WIFI DISCONNECT\r\n"));
        Assert.Equal("+CWSTATE:4,\"\"\r\n\r\nOK\r\n", port.Command("AT+CWSTATE?"));
        port.Emulator.Radio.RestoreConnection();
        Assert.Equal("\r\nOK\r\n", port.Command("AT"));
        Assert.Equal(0, port.Pending);
        Assert.False(port.Emulator.Radio.DropConnection()); // nothing to drop
    }

    [Fact]
    public void TheReconnectRepeatBudgetRunsOut()
    {
        using var port = Port();
        port.Command("AT+CWJAP=\"Home\",\"secret-pass\"");
        port.Command("AT+CWRECONNCFG=1,2");
        port.Emulator.Radio.DropConnection();
        Assert.Equal("WIFI DISCONNECT\r\n", port.ReadUntil("WIFI DISCONNECT\r\n"));
        // At speed 0 the two attempts are spent at once; the state settles without another URC.
        var deadline = DateTime.UtcNow.AddSeconds(5);
        string state;
        while ((state = port.Command("AT+CWSTATE?")) != "+CWSTATE:4,\"\"\r\n\r\nOK\r\n" && DateTime.UtcNow < deadline) Thread.Sleep(10);
        Assert.Equal("+CWSTATE:4,\"\"\r\n\r\nOK\r\n", state);
        port.Emulator.Radio.RestoreConnection();
        Assert.Equal("\r\nOK\r\n", port.Command("AT"));
        Assert.Equal(0, port.Pending);
    }

    [Fact]
    public void QuittingCancelsAPendingReconnect()
    {
        using var port = Port();
        port.Command("AT+CWJAP=\"Home\",\"secret-pass\"");
        port.Emulator.Radio.DropConnection();
        port.ReadUntil("WIFI DISCONNECT\r\n");
        Assert.Equal("\r\nOK\r\n", port.Command("AT+CWQAP")); // already reported: no second DISCONNECT
        port.Emulator.Radio.RestoreConnection();
        Assert.Equal("+CWSTATE:4,\"\"\r\n\r\nOK\r\n", port.Command("AT+CWSTATE?"));
        Assert.Equal(0, port.Pending);
    }

    [Fact]
    public void ApSpecsTakeAnOptionalBssidAndDeriveOneOtherwise()
    {
        Assert.Equal("02:11:22:33:44:55", AccessPoint.Parse("Lab,pw,-40,1,WPA2,02:11:22:33:44:55").Bssid);
        Assert.Equal("3a:78:69:53:88:b3", new AccessPoint("Home", "x").Bssid);
        Assert.Equal(new AccessPoint("Home", "x").Bssid, new AccessPoint("Home", "y").Bssid);
        Assert.Throws<FormatException>(() => AccessPoint.Parse("Lab,pw,-40,1,WPA2,nope"));
    }
}
