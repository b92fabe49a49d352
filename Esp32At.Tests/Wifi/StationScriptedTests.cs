using Esp32At.Engine;
using Esp32At.Wifi;

namespace Esp32At.Tests.Wifi;

/// <summary>Station join/leave/state over a scripted ESP: exact command bytes and parsing of the answers.</summary>
public sealed class StationScriptedTests
{
    private const string Ok = ScriptedWifi.Ok;

    [Fact]
    public void JoinSendsSsidAndEscapedPasswordAndReturnsAfterGotIp()
    {
        using var s = new ScriptedWifi();
        s.Replies["AT+CWJAP=\"Cafe\\,Net\",\"p\\\"w\\\\d\""] = "WIFI CONNECTED\r\nWIFI GOT IP\r\n" + Ok;
        int gotIp = 0;
        s.Wifi.GotIp += _ => Interlocked.Increment(ref gotIp);

        s.Wifi.Join("Cafe,Net", "p\"w\\d", null, 0);

        Assert.Equal(["AT+CWJAP=\"Cafe\\,Net\",\"p\\\"w\\\\d\""], s.Sent);
        Assert.Equal(StationState.GotIp, s.Wifi.State);
        Assert.Equal(1, gotIp);
        Assert.Equal("Cafe,Net", s.Wifi.JoinedSsid);
    }

    [Fact]
    public void JoinWithBssidAndTimeoutPutsTheTimeoutInTheEighthArgument()
    {
        using var s = new ScriptedWifi();
        s.Wifi.Join("Home", "secret-pass", [0xAA, 0xBB, 0x0C, 0xDD, 0xEE, 0x01], 20);
        s.Wifi.Join("Home", "secret-pass", null, 30);
        Assert.Equal(["AT+CWJAP=\"Home\",\"secret-pass\",\"aa:bb:0c:dd:ee:01\",,,,,20", "AT+CWJAP=\"Home\",\"secret-pass\",,,,,,30"], s.Sent);
    }

    [Theory]
    [InlineData("+CWJAP:1\r\n", WifiJoinFailure.Timeout)]
    [InlineData("+CWJAP:2\r\n", WifiJoinFailure.WrongPassword)]
    [InlineData("+CWJAP:3\r\n", WifiJoinFailure.NoAccessPoint)]
    [InlineData("+CWJAP:4\r\n", WifiJoinFailure.Failed)]
    [InlineData("", WifiJoinFailure.Unknown)]
    public void AFailedJoinReportsTheFirmwareReasonWithoutThePassword(string codeLine, WifiJoinFailure reason)
    {
        using var s = new ScriptedWifi();
        s.Replies["AT+CWJAP=\"Home\",\"hunter22\""] = "WIFI DISCONNECT\r\n" + codeLine + "\r\nERROR\r\n";

        var e = Assert.Throws<WifiJoinException>(() => s.Wifi.Join("Home", "hunter22", null, 0));

        Assert.Equal(reason, e.Reason);
        Assert.DoesNotContain("hunter22", e.Message);
        Assert.DoesNotContain("hunter22", e.Command);
        Assert.DoesNotContain("hunter22", s.Trace.ToString());
        Assert.Null(s.Wifi.JoinedSsid);
        Assert.Equal(StationState.Disconnected, s.Wifi.State);
    }

    [Fact]
    public void JoinIsNotResentWhenTheEspIsBusy()
    {
        using var s = new ScriptedWifi();
        s.Replies["AT+CWJAP=\"Home\",\"secret-pass\""] = "\r\nbusy p...\r\n";
        Assert.Throws<AtBusyException>(() => s.Wifi.Join("Home", "secret-pass", null, 0));
        Assert.Single(s.Sent);
    }

    [Fact]
    public void JoinRejectsBadArgumentsBeforeSendingAnything()
    {
        using var s = new ScriptedWifi();
        Assert.Throws<ArgumentException>(() => s.Wifi.Join("", "x", null, 0));
        Assert.Throws<ArgumentException>(() => s.Wifi.Join(new string('a', 33), "x", null, 0));
        Assert.Throws<ArgumentException>(() => s.Wifi.Join("a", new string('p', 65), null, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => s.Wifi.Join("a", "x", null, 2));
        Assert.Throws<ArgumentException>(() => s.Wifi.Join("a", "x", [1, 2, 3], 0));
        Assert.Throws<ArgumentException>(() => s.Wifi.Join("a", "bad\r\nAT+RST", null, 0));
        Assert.Empty(s.Sent);
    }

    [Fact]
    public void UrcsDriveTheStateAndRaiseEventsOnce()
    {
        using var s = new ScriptedWifi();
        int connected = 0, gotIp = 0, lost = 0;
        s.Wifi.Connected += _ => Interlocked.Increment(ref connected);
        s.Wifi.GotIp += _ => Interlocked.Increment(ref gotIp);
        s.Wifi.Disconnected += _ => Interlocked.Increment(ref lost);

        s.Esp.Emit("WIFI CONNECTED\r\n");
        Assert.True(s.Wifi.WaitForState(StationState.Connected, 2000));
        s.Esp.Emit("WIFI GOT IP\r\n");
        Assert.True(s.Wifi.WaitForState(StationState.GotIp, 2000));
        s.Esp.Emit("WIFI GOT IPv6 LL\r\nWIFI DISCONNECT\r\n");
        Assert.True(s.Wifi.WaitForState(StationState.Disconnected, 2000));

        Assert.Equal((1, 1, 1), (connected, gotIp, lost));
        Assert.Empty(s.Sent);
    }

    [Fact]
    public void QueryStateParsesCwstate()
    {
        using var s = new ScriptedWifi();
        s.Replies["AT+CWSTATE?"] = "+CWSTATE:2,\"My,Net\"\r\n" + Ok;
        Assert.Equal(StationState.GotIp, s.Wifi.QueryState(out var ssid));
        Assert.Equal("My,Net", ssid);
        Assert.True(s.Wifi.IsConnected);
        s.Replies["AT+CWSTATE?"] = "+CWSTATE:4,\"\"\r\n" + Ok;
        Assert.False(s.Wifi.IsConnected);
        Assert.Equal(["AT+CWSTATE?", "AT+CWSTATE?", "AT+CWSTATE?"], s.Sent);
    }

    [Fact]
    public void JoinedNetworkComesFromCwjapQueryAndIsNullWhenNotConnected()
    {
        using var s = new ScriptedWifi();
        s.Replies["AT+CWJAP?"] = "+CWJAP:\"a,b\",\"5e:b1:86:92:aa:44\",6,-48,0,1,3,0,1\r\n" + Ok;
        var ap = s.Wifi.QueryJoinedNetwork();
        Assert.NotNull(ap);
        Assert.Equal("a,b", ap.Ssid);
        Assert.Equal(new byte[] { 0x5e, 0xb1, 0x86, 0x92, 0xaa, 0x44 }, ap.Bssid);
        Assert.Equal(6, ap.Channel);
        Assert.Equal(-48, ap.Rssi);
        s.Replies["AT+CWJAP?"] = Ok;
        Assert.Null(s.Wifi.QueryJoinedNetwork());
    }

    [Fact]
    public void LeaveSendsCwqapAndForgetsTheNetwork()
    {
        using var s = new ScriptedWifi();
        s.Wifi.Join("Home", "secret-pass", null, 0);
        s.Wifi.Leave();
        Assert.Null(s.Wifi.JoinedSsid);
        Assert.Equal("AT+CWQAP", s.Sent[^1]);
    }

    [Fact]
    public void ReconnectConfigurationBytes()
    {
        using var s = new ScriptedWifi();
        s.Wifi.SetReconnect(1, 0);
        Assert.Equal(["AT+CWRECONNCFG=1,0"], s.Sent);
    }
}
