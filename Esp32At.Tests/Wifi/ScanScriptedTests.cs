using Esp32At.Wifi;

namespace Esp32At.Tests.Wifi;

/// <summary>Scans: CWLAP command forms, CWLAPOPT masks, and the parse of every field (SSIDs with commas and quotes).</summary>
public sealed class ScanScriptedTests
{
    private const string Ok = ScriptedWifi.Ok;

    [Fact]
    public void ScanParsesEveryFieldOfEveryLine()
    {
        using var s = new ScriptedWifi();
        s.Replies["AT+CWLAP"] =
            "+CWLAP:(3,\"MyAP\",-48,\"5e:b1:86:92:aa:44\",6,-1,-1,4,4,7,0)\r\n" +
            "+CWLAP:(0,\"Cafe, \"free\"\",-80,\"00:11:22:33:44:55\",11,-1,-1,0,0,3,1)\r\n" +
            "+CWLAP:(42,\"\",-90,\"00:11:22:33:44:56\",1,-1,-1,12,12,16,0)\r\n" + Ok;

        var list = s.Wifi.Scan();

        Assert.Equal(["AT+CWLAP"], s.Sent);
        Assert.Equal(3, list.Length);
        var a = list[0];
        Assert.Equal(("MyAP", -48, 6, WifiAuthMode.Wpa2Psk, 4, 4, 7, 0), (a.Ssid, a.Rssi, a.Channel, a.AuthMode, a.PairwiseCipher, a.GroupCipher, a.Protocols, a.Wps));
        Assert.Equal(new byte[] { 0x5e, 0xb1, 0x86, 0x92, 0xaa, 0x44 }, a.Bssid);
        Assert.Equal("Cafe, \"free\"", list[1].Ssid);
        Assert.Equal(WifiAuthMode.Open, list[1].AuthMode);
        Assert.Equal(1, list[1].Wps);
        Assert.Equal("", list[2].Ssid);
        Assert.Equal(42, (int)list[2].AuthMode); // unknown modes are kept, not mapped to something else
    }

    [Fact]
    public void NoNetworksGivesAnEmptyArray()
    {
        using var s = new ScriptedWifi();
        s.Replies["AT+CWLAP"] = Ok;
        Assert.Empty(s.Wifi.Scan());
    }

    [Fact]
    public void FilteredScanFormsFollowThePositionalSyntax()
    {
        using var s = new ScriptedWifi();
        s.Wifi.Scan("My\"AP", null, 0);
        s.Wifi.Scan(null, null, 6);
        s.Wifi.Scan(null, [0x5e, 0xb1, 0x86, 0x92, 0xaa, 0x44], 0);
        s.Wifi.Scan("x", [0x5e, 0xb1, 0x86, 0x92, 0xaa, 0x44], 11);
        s.Wifi.Scan(null, null, 0);
        Assert.Equal([
            "AT+CWLAP=\"My\\\"AP\"",
            "AT+CWLAP=,,6",
            "AT+CWLAP=,\"5e:b1:86:92:aa:44\"",
            "AT+CWLAP=\"x\",\"5e:b1:86:92:aa:44\",11",
            "AT+CWLAP"], s.Sent);
    }

    [Fact]
    public void ScanOptionsChangeTheFieldsTheParserExpects()
    {
        using var s = new ScriptedWifi();
        s.Wifi.SetScanOptions(0b11111, -100, 0xFFFF); // ecn, ssid, rssi, mac, channel
        s.Wifi.SetScanOptions(0b10110, -60, 0xFFFF);  // ssid, rssi, channel
        s.Replies["AT+CWLAP"] = "+CWLAP:(\"a,b\",-50,6)\r\n" + Ok;
        var ap = Assert.Single(s.Wifi.Scan());
        Assert.Equal(("a,b", -50, 6, null, -1), (ap.Ssid, ap.Rssi, ap.Channel, ap.Bssid, (int)ap.AuthMode));
        s.Wifi.SetScanOptions(0b00101, -100, 0b1000); // ecn, rssi: no ssid at all
        s.Replies["AT+CWLAP"] = "+CWLAP:(3,-70)\r\n" + Ok;
        ap = Assert.Single(s.Wifi.Scan());
        Assert.Equal((WifiAuthMode.Wpa2Psk, -70, ""), (ap.AuthMode, ap.Rssi, ap.Ssid));
        Assert.Equal(["AT+CWLAPOPT=1,31", "AT+CWLAPOPT=1,22,-60", "AT+CWLAP", "AT+CWLAPOPT=1,5,-100,8", "AT+CWLAP"], s.Sent);
    }

    [Theory]
    [InlineData("(3,\"x\",-48,\"5e:b1:86:92:aa:44\",6,-1,-1,4,4,7)")] // one field short
    [InlineData("(3,\"x\",abc,\"5e:b1:86:92:aa:44\",6,-1,-1,4,4,7,0)")]
    public void MalformedLinesAreSkipped(string line)
    {
        Assert.Null(ScanLineParser.Parse(line, ScanLineParser.FullMask));
    }
}
