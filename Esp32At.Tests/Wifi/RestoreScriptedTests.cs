using Esp32At.Wifi;

namespace Esp32At.Tests.Wifi;

/// <summary>After the ESP rebooted on its own, the service puts back everything it set, in dependency order.</summary>
public sealed class RestoreScriptedTests
{
    private const string Ok = ScriptedWifi.Ok;

    [Fact]
    public void AnUnexpectedRebootRestoresModeSettingsSoftApAddressesNetworkSntpAndMdns()
    {
        using var s = new ScriptedWifi();
        s.Replies["AT+CWMODE?"] = "+CWMODE:1\r\n" + Ok;
        s.Wifi.SetHostname("board");
        s.Wifi.SetCountry(new CountrySettings(true, "DE", 1, 13));
        s.Wifi.SetTxPower(60);
        s.Wifi.StartSoftAp(new SoftApSettings("BoardAP", "password1", 6, WifiAuthMode.Wpa2Psk, 4, false));
        s.Wifi.SetStationIpv4(new Ipv4Settings([10, 0, 0, 5], [10, 0, 0, 1], [255, 255, 255, 0]));
        s.Wifi.SetDns([[9, 9, 9, 9]]);
        s.Wifi.Join("Home", "secret-pass", null, 0);
        s.Wifi.ConfigureSntp(true, 2, null);
        s.Wifi.Advertise(new MdnsAdvertisement("board", "_http", 80, null, null, null, null));
        var before = s.Sent;
        s.ClearCommands();
        bool? success = null;
        s.Device.Recovered += (_, ok) => success = ok;

        s.Esp.Emit("\r\nready\r\n");

        Assert.True(s.Device.WaitForRecovery(10_000));
        Assert.True(success);
        var after = s.Sent.SkipWhile(c => c != "AT+CIPDINFO=1").Skip(1).ToArray();
        Assert.Equal([
            "AT+CWMODE=3",
            "AT+CWHOSTNAME=\"board\"",
            "AT+CWCOUNTRY=1,\"DE\",1,13",
            "AT+RFPOWER=60",
            "AT+CWSAP=\"BoardAP\",\"password1\",6,3,4,0",
            "AT+CIPSTA=\"10.0.0.5\",\"10.0.0.1\",\"255.255.255.0\"",
            "AT+CIPDNS=1,\"9.9.9.9\"",
            "AT+CWJAP=\"Home\",\"secret-pass\"",
            "AT+CIPSNTPCFG=1,2",
            "AT+MDNS=1,\"board\",\"_http\",80"], after);
        Assert.Contains("AT+CWMODE=3", before);
        Assert.DoesNotContain("secret-pass", s.Trace.ToString());
        Assert.DoesNotContain("password1", s.Trace.ToString());
    }

    [Fact]
    public void WhatWasUndoneIsNotRestoredAndAFailingStepDoesNotStopTheOthers()
    {
        using var s = new ScriptedWifi();
        s.Wifi.SetMode(WifiMode.Station);
        s.Wifi.Join("Home", "secret-pass", null, 0);
        s.Wifi.Leave();
        s.Wifi.SetStationIpv4(new Ipv4Settings([10, 0, 0, 5], [10, 0, 0, 1], [255, 255, 255, 0]));
        s.Wifi.SetDhcp(true, true, false);
        s.Wifi.SetHostname("board");
        s.Wifi.Advertise(new MdnsAdvertisement("board", "_http", 80, null, null, null, null));
        s.Wifi.StopMdns();
        s.ClearCommands();
        s.Fallback = c => c == "AT+CWMODE=1" ? ScriptedWifi.Error : null;
        bool? success = null;
        s.Device.Recovered += (_, ok) => success = ok;

        s.Esp.Emit("\r\nready\r\n");

        Assert.True(s.Device.WaitForRecovery(10_000));
        Assert.False(success); // the mode step failed ...
        var after = s.Sent.SkipWhile(c => c != "AT+CIPDINFO=1").Skip(1).ToArray();
        Assert.Equal(["AT+CWMODE=1", "AT+CWHOSTNAME=\"board\""], after); // ... and the host name was still restored
        Assert.Equal(StationState.NotStarted, s.Wifi.State);
    }
}
