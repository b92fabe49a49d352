using Esp32At.Wifi;

namespace Esp32At.Tests.Wifi;

/// <summary>Ping, SNTP and mDNS over a scripted ESP.</summary>
public sealed class ServicesScriptedTests
{
    private const string Ok = ScriptedWifi.Ok;

    [Fact]
    public void PingReturnsMillisecondsOrMinusOneOnTimeout()
    {
        using var s = new ScriptedWifi();
        s.Replies["AT+PING=\"1.1.1.1\""] = "+PING:12\r\n" + Ok;
        s.Replies["AT+PING=\"nowhere.example\""] = "+PING:TIMEOUT\r\n\r\nERROR\r\n";
        Assert.Equal(12, s.Wifi.Ping("1.1.1.1"));
        Assert.Equal(-1, s.Wifi.Ping("nowhere.example"));
        Assert.Equal(["AT+PING=\"1.1.1.1\"", "AT+PING=\"nowhere.example\""], s.Sent);
    }

    [Fact]
    public void SntpConfigurationTimeQueryAndUpdateUrc()
    {
        using var s = new ScriptedWifi();
        s.Replies["AT+CIPSNTPTIME?"] = "+CIPSNTPTIME:Tue Oct  9 07:47:56 2021\r\nOK\r\n";
        s.Wifi.ConfigureSntp(true, 1, ["pool.ntp.org"]);
        s.Wifi.ConfigureSntp(true, -330, null);
        Assert.Throws<ArgumentOutOfRangeException>(() => s.Wifi.ConfigureSntp(true, 1500, null));
        Assert.Throws<ArgumentOutOfRangeException>(() => s.Wifi.ConfigureSntp(true, 1275, null));
        Assert.False(s.Wifi.WaitForTimeUpdate(0));
        s.Esp.Emit("+TIME_UPDATED\r\n");
        Assert.True(s.Wifi.WaitForTimeUpdate(2000));
        Assert.Equal(new DateTime(2021, 10, 9, 7, 47, 56), s.Wifi.QuerySntpTime());
        Assert.Equal(["AT+CIPSNTPCFG=1,1,\"pool.ntp.org\"", "AT+CIPSNTPCFG=1,-330", "AT+CIPSNTPTIME?"], s.Sent);
    }

    [Fact]
    public void MdnsAdvertisementBytesAndReplacement()
    {
        using var s = new ScriptedWifi();
        s.Wifi.Advertise(new MdnsAdvertisement("board", "_http", 80, null, null, null, null));
        s.Wifi.Advertise(new MdnsAdvertisement("board", "_iot", 8080, "My Thing", "_tcp", ["product", "path"], ["a,b", "/"]));
        s.Wifi.StopMdns();
        Assert.Null(s.Wifi.Advertisement);
        Assert.Equal([
            "AT+MDNS=1,\"board\",\"_http\",80",
            "AT+MDNS=0",
            "AT+MDNS=1,\"board\",\"_iot\",8080,\"My Thing\",\"_tcp\",2,\"product\",\"a\\,b\",\"path\",\"/\"",
            "AT+MDNS=0"], s.Sent);
        Assert.Throws<ArgumentException>(() => new MdnsAdvertisement("b", "_x", 1, null, null, ["k"], ["v"]));
    }

    [Fact]
    public void AsctimeParsing()
    {
        Assert.Equal(new DateTime(1970, 1, 1, 0, 0, 5), WifiService.ParseAsctime("Thu Jan  1 00:00:05 1970"));
        Assert.Throws<FormatException>(() => WifiService.ParseAsctime("yesterday"));
    }
}
