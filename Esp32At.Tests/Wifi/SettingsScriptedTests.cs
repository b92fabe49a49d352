using Esp32At.Wifi;

namespace Esp32At.Tests.Wifi;

/// <summary>Radio and IP settings over a scripted ESP: exact bytes sent, answers parsed.</summary>
public sealed class SettingsScriptedTests
{
    private const string Ok = ScriptedWifi.Ok;

    [Fact]
    public void ModeQueryAndEnsureModeOnlySetsWhatIsMissing()
    {
        using var s = new ScriptedWifi();
        s.Replies["AT+CWMODE?"] = "+CWMODE:1\r\n" + Ok;
        Assert.Equal(WifiMode.Station, s.Wifi.QueryMode());
        s.Wifi.EnsureMode(WifiMode.Station);
        s.Wifi.EnsureMode(WifiMode.SoftAp);
        Assert.Equal(["AT+CWMODE?", "AT+CWMODE?", "AT+CWMODE?", "AT+CWMODE=3"], s.Sent);
    }

    [Fact]
    public void StationIpv4IsParsedFromCipstaIgnoringIpv6Lines()
    {
        using var s = new ScriptedWifi();
        s.Replies["AT+CIPSTA?"] = "+CIPSTA:ip:\"192.168.1.20\"\r\n+CIPSTA:gateway:\"192.168.1.1\"\r\n+CIPSTA:netmask:\"255.255.255.0\"\r\n+CIPSTA:ip6ll:\"fe80::1\"\r\n" + Ok;
        var ip = s.Wifi.QueryStationIpv4();
        Assert.Equal(new byte[] { 192, 168, 1, 20 }, ip.Address);
        Assert.Equal(new byte[] { 192, 168, 1, 1 }, ip.Gateway);
        Assert.Equal(new byte[] { 255, 255, 255, 0 }, ip.Netmask);
        Assert.False(ip.IsUnset);
        s.Replies["AT+CIPAP?"] = "+CIPAP:ip:\"192.168.4.1\"\r\n+CIPAP:gateway:\"192.168.4.1\"\r\n+CIPAP:netmask:\"255.255.255.0\"\r\n" + Ok;
        Assert.Equal("192.168.4.1/255.255.255.0 via 192.168.4.1", s.Wifi.QuerySoftApIpv4().ToString());
    }

    [Fact]
    public void StaticAddressesDhcpAndDnsBytes()
    {
        using var s = new ScriptedWifi();
        s.Wifi.SetStationIpv4(new Ipv4Settings([10, 0, 0, 5], [10, 0, 0, 1], [255, 255, 255, 0]));
        s.Wifi.SetSoftApIpv4(new Ipv4Settings([192, 168, 5, 1], [192, 168, 5, 1], [255, 255, 255, 0]));
        s.Wifi.SetDhcp(true, true, false);
        s.Wifi.SetDhcp(false, false, true);
        s.Wifi.SetDns([[1, 1, 1, 1], [8, 8, 8, 8]]);
        s.Wifi.SetDns(null);
        Assert.Throws<ArgumentException>(() => s.Wifi.SetDns([[1, 1, 1, 1], [1, 1, 1, 1]]));
        Assert.Equal([
            "AT+CIPSTA=\"10.0.0.5\",\"10.0.0.1\",\"255.255.255.0\"",
            "AT+CIPAP=\"192.168.5.1\",\"192.168.5.1\",\"255.255.255.0\"",
            "AT+CWDHCP=1,1",
            "AT+CWDHCP=0,2",
            "AT+CIPDNS=1,\"1.1.1.1\",\"8.8.8.8\"",
            "AT+CIPDNS=0"], s.Sent);
    }

    [Fact]
    public void DnsAndDhcpQueriesAreParsed()
    {
        using var s = new ScriptedWifi();
        s.Replies["AT+CIPDNS?"] = "+CIPDNS:0,\"208.67.222.222\",\"114.114.114.114\",\"8.8.8.8\"\r\n" + Ok;
        var dns = s.Wifi.QueryDns(out bool manual);
        Assert.False(manual);
        Assert.Equal(3, dns.Length);
        Assert.Equal(new byte[] { 8, 8, 8, 8 }, dns[2]);
        s.Replies["AT+CWDHCP?"] = "+CWDHCP:3\r\nOK\r\n"; // no blank line before OK (spec §1.5)
        Assert.Equal(3, s.Wifi.QueryDhcp());
    }

    [Fact]
    public void HostnameMacPowerAndCountry()
    {
        using var s = new ScriptedWifi();
        s.Replies["AT+CWHOSTNAME?"] = "+CWHOSTNAME:espressif\r\n" + Ok;
        s.Replies["AT+CIPSTAMAC?"] = "+CIPSTAMAC:\"a0:b1:c2:d3:e4:f5\"\r\n" + Ok;
        s.Replies["AT+CIPAPMAC?"] = "+CIPAPMAC:\"a2:b1:c2:d3:e4:f5\"\r\n" + Ok;
        s.Replies["AT+RFPOWER?"] = "+RFPOWER:78,15,15,15\r\n" + Ok;
        s.Replies["AT+CWCOUNTRY?"] = "+CWCOUNTRY:1,\"CN\",1,13\r\n" + Ok;

        Assert.Equal("espressif", s.Wifi.QueryHostname());
        Assert.Equal(new byte[] { 0xa0, 0xb1, 0xc2, 0xd3, 0xe4, 0xf5 }, s.Wifi.QueryStationMac());
        Assert.Equal(new byte[] { 0xa2, 0xb1, 0xc2, 0xd3, 0xe4, 0xf5 }, s.Wifi.QuerySoftApMac());
        Assert.Equal(78, s.Wifi.QueryTxPower());
        var c = s.Wifi.QueryCountry();
        Assert.Equal((true, "CN", 1, 13), (c.Manual, c.Code, c.StartChannel, c.ChannelCount));
        s.ClearCommands();

        s.Wifi.SetHostname("my-board");
        s.Wifi.SetStationMac([0x02, 0x11, 0x22, 0x33, 0x44, 0x55]);
        s.Wifi.SetSoftApMac([0x06, 0x11, 0x22, 0x33, 0x44, 0x55]);
        Assert.Equal(40, s.Wifi.SetTxPower(10));
        Assert.Equal(84, s.Wifi.SetTxPower(200));
        s.Wifi.SetCountry(new CountrySettings(false, "US", 1, 11));
        Assert.Throws<ArgumentException>(() => s.Wifi.SetHostname("bad name"));
        Assert.Throws<ArgumentException>(() => s.Wifi.SetHostname("-x"));
        Assert.Throws<ArgumentException>(() => s.Wifi.SetStationMac([0x01, 0, 0, 0, 0, 1])); // multicast
        Assert.Throws<ArgumentException>(() => s.Wifi.SetStationMac([0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF]));
        Assert.Equal([
            "AT+CWHOSTNAME=\"my-board\"",
            "AT+CIPSTAMAC=\"02:11:22:33:44:55\"",
            "AT+CIPAPMAC=\"06:11:22:33:44:55\"",
            "AT+RFPOWER=40",
            "AT+RFPOWER=84",
            "AT+CWCOUNTRY=0,\"US\",1,11"], s.Sent);
    }

    [Fact]
    public void EnabledUsesCwinitFromV32AndTheNullRunModeBefore()
    {
        using (var s = new ScriptedWifi("3.3.0.0"))
        {
            s.Replies["AT+CWINIT?"] = "+CWINIT:1\r\n" + Ok;
            Assert.True(s.Wifi.Enabled);
            s.Wifi.Enabled = false;
            Assert.Equal(["AT+CWINIT?", "AT+CWINIT=0"], s.Sent);
        }
        using (var s = new ScriptedWifi("2.2.0.0"))
        {
            // No CWINIT before v3.2: off is the run mode 0 (Null mode, RF disabled), on puts the mode back.
            s.Replies["AT+CWMODE?"] = "+CWMODE:3\r\n" + Ok;
            Assert.True(s.Wifi.Enabled);
            s.Wifi.Enabled = true; // already on: nothing is set
            s.Wifi.Enabled = false;
            s.Replies["AT+CWMODE?"] = "+CWMODE:0\r\n" + Ok;
            Assert.False(s.Wifi.Enabled);
            s.Wifi.Enabled = true;
            Assert.Equal(["AT+CWMODE?", "AT+CWMODE?", "AT+CWMODE?", "AT+CWMODE=0", "AT+CWMODE?", "AT+CWMODE?", "AT+CWMODE=3"], s.Sent);
        }
    }
}
