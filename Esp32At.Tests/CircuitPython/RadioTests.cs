using Esp32At.CircuitPython;
using Esp32At.Tests.Engine;
using Esp32At.Wifi;
using CpWifi = Esp32At.CircuitPython.Wifi;

namespace Esp32At.Tests.CircuitPython;

/// <summary>wifi.radio over the emulator: core semantics (units, types, errors) and the exact AT bytes.</summary>
[Collection(CircuitPythonWifiCollection.Name)]
public sealed class RadioTests
{
    [Fact]
    public void InitSetsUpTheDeviceAndTheReconnectIntervalOnly()
    {
        using var f = new CircuitPythonWifi();
        Assert.StartsWith("AT+GMR\r\n", f.Wire.Written[f.Wire.Written.IndexOf("AT+GMR")..]);
        Assert.EndsWith("AT+CIPDINFO=1\r\nAT+CWRECONNCFG=1,0\r\n", f.Wire.Written);
        Assert.DoesNotContain("CWCOUNTRY", f.Wire.Written); // the seed always overwrote it (B39)
        Assert.StartsWith("AT version:4.1.1.0", CpWifi.AtVersion);
        Assert.Same(f.Radio, CpWifi.Radio);
    }

    [Fact]
    public void InitWithCountryAndDnsWritesThem()
    {
        using var f = new CircuitPythonWifi(new WifiInitOptions { Country = new CountrySettings(false, "DE", 1, 13), DnsServers = ["1.1.1.1"], ReconnectInterval = -1 });
        Assert.EndsWith("AT+CIPDINFO=1\r\nAT+CWCOUNTRY=0,\"DE\",1,13\r\nAT+CIPDNS=1,\"1.1.1.1\"\r\n", f.Wire.Written);
    }

    [Fact]
    public void InitReturnsFalseWhenTheEspNeverAnswers()
    {
        var silent = new ScriptedEsp();
        Assert.False(CpWifi.Init(silent, new WifiInitOptions { Reset = ResetPolicy.Never, CommandTimeoutMs = 300 }));
        Assert.NotNull(CpWifi.LastInitError);
        Assert.Null(CpWifi.Radio);
    }

    [Fact]
    public void ResetPolicyAlwaysRestartsTheEspBeforeSettingItUp()
    {
        using var f = new CircuitPythonWifi(new WifiInitOptions { Reset = ResetPolicy.Always });
        Assert.StartsWith("AT+RST\r\nAT\r\nATE0\r\n", f.Wire.Written);
    }

    [Fact]
    public void ResetPolicyOnFailureRestartsASilentEspAndTriesOnceMore()
    {
        bool awake = false;
        var esp = new ScriptedEsp();
        esp.Responder = line =>
        {
            if (line == "AT+RST\r\n")
            {
                awake = true;
                return "\r\nOK\r\n\r\nready\r\n";
            }
            if (!awake) return null; // stuck: answers nothing, not even to +++
            if (line == "AT+GMR\r\n") return "AT version:4.1.1.0(abc - ESP32C3 - Jul 31 2025 10:00:00)\r\n\r\nOK\r\n";
            return "\r\nOK\r\n";
        };
        try
        {
            Assert.True(CpWifi.Init(esp, new WifiInitOptions { Reset = ResetPolicy.OnFailure }), "init failed: " + CpWifi.LastInitError);
            Assert.StartsWith("AT\r\nAT\r\n+++AT\r\nAT\r\nAT+RST\r\nAT\r\nATE0\r\n", esp.Written);
        }
        finally
        {
            CpWifi.Deinit();
        }
    }

    [Fact]
    public void ConnectJoinsAndAddressesAreIPv4AddressObjects()
    {
        using var f = new CircuitPythonWifi();
        Assert.False(f.Radio.Connected);
        Assert.Null(f.Radio.Ipv4Address);
        f.Mark();
        f.Radio.Connect("Home", "secret-pass");
        Assert.Equal("AT+CWMODE?\r\nAT+CWJAP=\"Home\",\"secret-pass\"\r\n", f.WrittenSinceMark);
        Assert.True(f.Radio.Connected);
        Assert.Equal(new IPv4Address("192.168.1.50"), f.Radio.Ipv4Address);
        Assert.Equal(new IPv4Address("192.168.1.1"), f.Radio.Ipv4Gateway);
        Assert.Equal(new IPv4Address("255.255.255.0"), f.Radio.Ipv4Subnet);
        Assert.Equal(["192.168.1.50"], f.Radio.Addresses);
        var ap = f.Radio.ApInfo;
        Assert.NotNull(ap);
        Assert.Equal("Home", ap.Ssid);
        Assert.Equal(AuthMode.Wpa2 | AuthMode.Psk, ap.AuthModes);
        Assert.Equal(new byte[] { 0x5e, 0xb1, 0x86, 0x92, 0xaa, 0x44 }, ap.Bssid);
        Assert.Equal("CN", ap.Country);
    }

    [Fact]
    public void ConnectTimeoutIsRoundedUpClampedAndSentAsJapTimeout()
    {
        using var f = new CircuitPythonWifi();
        f.Radio.Connect("Home", "secret-pass", timeout: 1.2);
        f.Radio.Connect("Home", "secret-pass", timeout: 7.5);
        Assert.Contains("AT+CWJAP=\"Home\",\"secret-pass\",,,,,,3\r\n", f.WrittenSinceMark);
        Assert.Contains("AT+CWJAP=\"Home\",\"secret-pass\",,,,,,8\r\n", f.WrittenSinceMark);
    }

    [Theory]
    [InlineData("Home", "wrong-pass", "Authentication failure", WifiJoinFailure.WrongPassword)]
    [InlineData("Elsewhere", "whatever1", "No network with that ssid", WifiJoinFailure.NoAccessPoint)]
    public void ConnectFailuresAreConnectionErrorsWithCoreMessages(string ssid, string password, string message, WifiJoinFailure reason)
    {
        using var f = new CircuitPythonWifi();
        var e = Assert.Throws<ConnectionError>(() => f.Radio.Connect(ssid, password));
        Assert.Equal(message, e.Message);
        Assert.Equal(reason, e.Reason);
        Assert.False(f.Radio.Connected);
    }

    [Fact]
    public void ScanningGoesChannelByChannelAndStopsWhenAsked()
    {
        using var f = new CircuitPythonWifi();
        var networks = new List<Network>();
        foreach (Network n in f.Radio.StartScanningNetworks()) networks.Add(n);
        var home = Assert.Single(networks);
        Assert.Equal(("Home", 6, -48, AuthMode.Wpa2 | AuthMode.Psk, ""), (home.Ssid, home.Channel, home.Rssi, home.AuthModes, home.Country));
        var expected = string.Concat(Enumerable.Range(1, 11).Select(ch => $"AT+CWLAP=,,{ch}\r\n"));
        Assert.Equal(expected, f.WrittenSinceMark);

        // A finished scan does not block the next one (seed bug B12); stopping ends the iteration.
        f.Mark();
        var scan = f.Radio.StartScanningNetworks(1, 14);
        Assert.Throws<InvalidOperationException>(() => f.Radio.StartScanningNetworks());
        f.Radio.StopScanningNetworks();
        Assert.False(scan.MoveNext());
        Assert.Equal("", f.WrittenSinceMark);
    }

    [Fact]
    public void RadioSettingsUseCoreUnitsAndTypes()
    {
        using var f = new CircuitPythonWifi();
        f.Radio.TxPower = 15.1;
        Assert.Equal(15.0, f.Radio.TxPower);
        f.Radio.Hostname = "board";
        Assert.Equal("board", f.Radio.Hostname);
        f.Radio.MacAddress = [0x02, 1, 2, 3, 4, 5];
        Assert.Equal(new byte[] { 0x02, 1, 2, 3, 4, 5 }, f.Radio.MacAddress);
        Assert.Throws<ArgumentException>(() => f.Radio.MacAddress = [1, 2, 3]);
        f.Radio.Country = "us";
        Assert.Equal("US", f.Radio.Country);
        Assert.Equal(1, f.Radio.RunMode);
        Assert.True(f.Radio.Enabled);
        Assert.Contains("AT+RFPOWER=60\r\n", f.WrittenSinceMark);
        Assert.Contains("AT+CWCOUNTRY=1,\"US\",1,11\r\n", f.WrittenSinceMark);
    }

    [Fact]
    public void EnabledFalseBeforeV32IsTheNullRunModeAndTrueRestoresTheMode()
    {
        using var f = new CircuitPythonWifi(profile: "v2.2.0-c3");
        f.Radio.StartAp("board-ap", "secret-pass");
        Assert.Equal(3, f.Emulator.State.CwMode);
        f.Mark();
        f.Radio.Enabled = false;
        Assert.Equal("AT+CWMODE?\r\nAT+CWMODE=0\r\n", f.WrittenSinceMark);
        Assert.Equal(0, f.Emulator.State.CwMode);
        Assert.False(f.Radio.Enabled);
        f.Mark();
        f.Radio.Enabled = true;
        Assert.Equal("AT+CWMODE?\r\nAT+CWMODE=3\r\n", f.WrittenSinceMark);
        Assert.True(f.Radio.Enabled);
        Assert.Equal(3, f.Emulator.State.CwMode);
    }

    [Fact]
    public void StaticAddressDnsAndDhcp()
    {
        using var f = new CircuitPythonWifi();
        f.Radio.Connect("Home", "secret-pass");
        f.Mark();
        f.Radio.SetIpv4Address(new IPv4Address("192.168.1.77"), new IPv4Address("255.255.255.0"), new IPv4Address("192.168.1.1"), new IPv4Address("9.9.9.9"));
        Assert.StartsWith("AT+CIPSTA=\"192.168.1.77\",\"192.168.1.1\",\"255.255.255.0\"\r\nAT+CIPDNS?\r\nAT+CIPDNS=1,\"9.9.9.9\",", f.WrittenSinceMark);
        Assert.Equal(new IPv4Address("192.168.1.77"), f.Radio.Ipv4Address);
        Assert.Equal(new IPv4Address("9.9.9.9"), f.Radio.Ipv4Dns);
        f.Radio.Dns = ["1.1.1.1", "8.8.4.4"];
        Assert.Equal(["1.1.1.1", "8.8.4.4"], f.Radio.Dns);
        f.Mark();
        f.Radio.StartDhcp();
        f.Radio.StopDhcpAp();
        Assert.Equal("AT+CWDHCP=1,1\r\nAT+CWDHCP=0,2\r\n", f.WrittenSinceMark);
    }

    [Fact]
    public void SoftApWithAPasswordDefaultsToWpaWpa2AndListsStations()
    {
        using var f = new CircuitPythonWifi();
        f.Radio.StartAp("BoardAP", "password1");
        Assert.Equal("AT+CWMODE?\r\nAT+CWMODE=3\r\nAT+CWSAP=\"BoardAP\",\"password1\",1,4,4,0\r\n", f.WrittenSinceMark);
        Assert.True(f.Radio.ApActive);
        Assert.Equal(new IPv4Address("192.168.4.1"), f.Radio.Ipv4AddressAp);
        Assert.Throws<ArgumentException>(() => f.Radio.StartAp("x", "password1", authmode: AuthMode.Open));
        f.Emulator.Radio.StationJoins("aa:bb:cc:dd:ee:ff");
        Assert.True(SpinWait.SpinUntil(() => f.Radio.StationsAp.Any(s => s.Ipv4Address != null), 5000));
        var station = Assert.Single(f.Radio.StationsAp);
        Assert.Equal(new byte[] { 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff }, station.MacAddress);
        f.Radio.StopAp();
        Assert.False(f.Radio.ApActive);
    }

    [Fact]
    public void PingReturnsSecondsOrMinusOne()
    {
        using var f = new CircuitPythonWifi();
        f.Radio.Connect("Home", "secret-pass");
        Assert.Equal(0.012, f.Radio.Ping(new IPv4Address("192.168.1.1")), 6);
        Assert.Equal(-1, f.Radio.Ping(new IPv4Address("192.168.1.1"), timeout: 0.005)); // slower than asked
        f.Emulator.Radio.SetPingTime("10.9.9.9", null);
        Assert.Equal(-1, f.Radio.Ping(new IPv4Address("10.9.9.9")));
    }
}
