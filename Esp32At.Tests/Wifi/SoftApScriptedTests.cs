using Esp32At.Wifi;

namespace Esp32At.Tests.Wifi;

/// <summary>Soft-AP over a scripted ESP: CWSAP bytes, validation, CWLIF and the station URCs.</summary>
public sealed class SoftApScriptedTests
{
    private const string Ok = ScriptedWifi.Ok;

    [Fact]
    public void StartSoftApAddsTheModeBitThenConfiguresIt()
    {
        using var s = new ScriptedWifi();
        s.Replies["AT+CWMODE?"] = "+CWMODE:1\r\n" + Ok;
        s.Wifi.StartSoftAp(new SoftApSettings("Board,AP", "pass\"word1", 6, WifiAuthMode.WpaWpa2Psk, 4, false));
        s.Wifi.ConfigureSoftAp(new SoftApSettings("Open", "", 1, WifiAuthMode.Open, 10, true));
        Assert.Equal([
            "AT+CWMODE?",
            "AT+CWMODE=3",
            "AT+CWSAP=\"Board\\,AP\",\"pass\\\"word1\",6,4,4,0",
            "AT+CWSAP=\"Open\",\"\",1,0,10,1"], s.Sent);
        Assert.DoesNotContain("word1", s.Trace.ToString());
    }

    [Theory]
    [InlineData("x", "short", 1, WifiAuthMode.Wpa2Psk, 4)]       // password under 8
    [InlineData("x", "password", 1, WifiAuthMode.Open, 4)]       // open with a password
    [InlineData("x", "password", 1, WifiAuthMode.Wep, 4)]        // WEP is not supported by CWSAP
    [InlineData("x", "password", 1, WifiAuthMode.Wpa3Psk, 4)]
    [InlineData("x", "password", 15, WifiAuthMode.Wpa2Psk, 4)]
    [InlineData("x", "password", 1, WifiAuthMode.Wpa2Psk, 11)]
    [InlineData("", "password", 1, WifiAuthMode.Wpa2Psk, 4)]
    public void InvalidSoftApSettingsAreRejectedBeforeSending(string ssid, string password, int channel, WifiAuthMode mode, int max)
    {
        using var s = new ScriptedWifi();
        Assert.ThrowsAny<ArgumentException>(() => s.Wifi.ConfigureSoftAp(new SoftApSettings(ssid, password, channel, mode, max, false)));
        Assert.Empty(s.Sent);
    }

    [Fact]
    public void QuerySoftApDropsThePassword()
    {
        using var s = new ScriptedWifi();
        s.Replies["AT+CWSAP?"] = "+CWSAP:\"My,AP\",\"sekrit,pw\",6,3,4,0\r\n" + Ok;
        var ap = s.Wifi.QuerySoftAp();
        Assert.Equal(("My,AP", "", 6, WifiAuthMode.Wpa2Psk, 4, false), (ap.Ssid, ap.Password, ap.Channel, ap.AuthMode, ap.MaxConnections, ap.Hidden));
        Assert.DoesNotContain("sekrit", s.Trace.ToString());
    }

    [Fact]
    public void StationListComesFromCwlif()
    {
        using var s = new ScriptedWifi();
        s.Replies["AT+CWLIF"] = "+CWLIF:192.168.4.2,aa:bb:cc:dd:ee:ff\r\n+CWLIF:192.168.4.3,aa:bb:cc:dd:ee:01\r\n" + Ok;
        var list = s.Wifi.ListStations();
        Assert.Equal(2, list.Length);
        Assert.Equal(new byte[] { 192, 168, 4, 3 }, list[1].Address);
        Assert.Equal(new byte[] { 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0x01 }, list[1].Mac);
    }

    [Fact]
    public void StationUrcsMaintainTheStationList()
    {
        using var s = new ScriptedWifi();
        var joined = new SemaphoreSlim(0);
        var addressed = new SemaphoreSlim(0);
        var left = new SemaphoreSlim(0);
        s.Wifi.StationJoined += (_, _) => joined.Release();
        s.Wifi.StationGotAddress += (_, _) => addressed.Release();
        s.Wifi.StationLeft += (_, _) => left.Release();

        s.Esp.Emit("+STA_CONNECTED:\"aa:bb:cc:dd:ee:ff\"\r\n");
        Assert.True(joined.Wait(2000));
        Assert.Null(Assert.Single(s.Wifi.Stations).Address);
        s.Esp.Emit("+DIST_STA_IP:\"aa:bb:cc:dd:ee:ff\",\"192.168.4.2\"\r\n");
        Assert.True(addressed.Wait(2000));
        Assert.Equal(new byte[] { 192, 168, 4, 2 }, Assert.Single(s.Wifi.Stations).Address);
        s.Esp.Emit("+STA_DISCONNECTED:\"aa:bb:cc:dd:ee:ff\"\r\n");
        Assert.True(left.Wait(2000));
        Assert.Empty(s.Wifi.Stations);
        Assert.Empty(s.Sent);
    }
}
