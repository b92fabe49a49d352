using AccessPoint = Esp32At.Emulator.Radio.AccessPoint;
using Esp32At.Wifi;

namespace Esp32At.Tests.Wifi;

/// <summary>The Wi-Fi service against the emulator: exact bytes on the wire and the emulator's resulting state.</summary>
public sealed class WifiServiceOnEmulatorTests
{
    [Fact]
    public void JoinGetsAnAddressAndTheStateFollowsTheUrcs()
    {
        using var f = new WifiOnEmulator();
        f.Wifi.SetMode(WifiMode.Station);
        f.Wifi.Join("Home", "secret-pass", null, 0);
        Assert.Equal("AT+CWMODE=1\r\nAT+CWJAP=\"Home\",\"secret-pass\"\r\n", f.WrittenSinceMark);
        Assert.Equal(StationState.GotIp, f.Wifi.State);
        Assert.True(f.Wifi.IsConnected);
        var ip = f.Wifi.QueryStationIpv4();
        Assert.Equal(new byte[] { 192, 168, 1, 50 }, ip.Address);
        Assert.Equal(new byte[] { 192, 168, 1, 1 }, ip.Gateway);
        var ap = f.Wifi.QueryJoinedNetwork();
        Assert.NotNull(ap);
        Assert.Equal("Home", ap.Ssid);
        Assert.Equal(new byte[] { 0x5e, 0xb1, 0x86, 0x92, 0xaa, 0x44 }, ap.Bssid);
    }

    [Theory]
    [InlineData("Home", "wrong-pass", WifiJoinFailure.WrongPassword)]
    [InlineData("Nowhere", "whatever1", WifiJoinFailure.NoAccessPoint)]
    public void JoinFailuresCarryTheFirmwareReason(string ssid, string password, WifiJoinFailure reason)
    {
        using var f = new WifiOnEmulator();
        var e = Assert.Throws<WifiJoinException>(() => f.Wifi.Join(ssid, password, null, 0));
        Assert.Equal(reason, e.Reason);
        Assert.DoesNotContain(password, e.Message);
        Assert.True(f.Wifi.WaitForState(StationState.Disconnected, 2000));
        Assert.False(f.Wifi.IsConnected);
    }

    [Fact]
    public void LosingAndRegainingTheNetworkRaisesDisconnectedThenGotIp()
    {
        using var f = new WifiOnEmulator();
        f.Wifi.Join("Home", "secret-pass", null, 0);
        var lost = new ManualResetEventSlim();
        var back = new ManualResetEventSlim();
        f.Wifi.Disconnected += _ => lost.Set();
        f.Wifi.GotIp += _ => back.Set();

        Assert.True(f.Emulator.Radio.DropConnection());
        Assert.True(lost.Wait(5000));
        Assert.Equal(StationState.Disconnected, f.Wifi.State);
        f.Emulator.Radio.RestoreConnection();
        Assert.True(back.Wait(10_000));
        Assert.Equal(StationState.GotIp, f.Wifi.State);
    }

    [Fact]
    public void ScanFindsTheEmulatedNetworksWithAllFields()
    {
        using var f = new WifiOnEmulator("v4.1.1-c3",
            new AccessPoint("Home", "secret-pass", Bssid: "5e:b1:86:92:aa:44"),
            new AccessPoint("Cafe, \"Free\"", "", Rssi: -70, Channel: 11, Ecn: 0));
        var list = f.Wifi.Scan();
        Assert.Equal("AT+CWLAP\r\n", f.WrittenSinceMark);
        Assert.Equal(2, list.Length);
        var home = list.Single(a => a.Ssid == "Home");
        Assert.Equal((-48, 6, WifiAuthMode.Wpa2Psk), (home.Rssi, home.Channel, home.AuthMode));
        var cafe = list.Single(a => a.Ssid != "Home");
        Assert.Equal("Cafe, \"Free\"", cafe.Ssid);
        Assert.Equal((-70, 11, WifiAuthMode.Open), (cafe.Rssi, cafe.Channel, cafe.AuthMode));
        Assert.Single(f.Wifi.Scan(null, null, 11));
        f.Wifi.SetScanOptions(0b10110, -100, 0xFFFF);
        var trimmed = f.Wifi.Scan();
        Assert.Equal(2, trimmed.Length);
        Assert.All(trimmed, a => Assert.Null(a.Bssid));
        Assert.Contains(trimmed, a => a.Ssid == "Home" && a.Channel == 6 && a.Rssi == -48);
    }

    [Fact]
    public void SettingsRoundTripThroughTheEmulator()
    {
        using var f = new WifiOnEmulator();
        f.Wifi.SetHostname("my-board");
        Assert.Equal("my-board", f.Wifi.QueryHostname());
        f.Wifi.SetStationMac([0x02, 0x11, 0x22, 0x33, 0x44, 0x55]);
        Assert.Equal(new byte[] { 0x02, 0x11, 0x22, 0x33, 0x44, 0x55 }, f.Wifi.QueryStationMac());
        f.Wifi.SetTxPower(60);
        Assert.Equal(60, f.Wifi.QueryTxPower());
        f.Wifi.SetCountry(new CountrySettings(false, "US", 1, 11));
        var c = f.Wifi.QueryCountry();
        Assert.Equal((false, "US", 1, 11), (c.Manual, c.Code, c.StartChannel, c.ChannelCount));
        f.Wifi.Join("Home", "secret-pass", null, 0);
        f.Wifi.SetStationIpv4(new Ipv4Settings([192, 168, 1, 77], [192, 168, 1, 1], [255, 255, 255, 0]));
        Assert.Equal(new byte[] { 192, 168, 1, 77 }, f.Wifi.QueryStationIpv4().Address);
        Assert.Equal(2, f.Wifi.QueryDhcp()); // a static station address stops its DHCP client
        f.Wifi.SetDns([[1, 1, 1, 1], [9, 9, 9, 9]]);
        var dns = f.Wifi.QueryDns(out bool manual);
        Assert.True(manual);
        Assert.Equal(new byte[] { 9, 9, 9, 9 }, dns[1]);
        f.Wifi.SetDns(null);
        f.Wifi.QueryDns(out manual);
        Assert.False(manual);
    }

    [Fact]
    public void SoftApStationsArriveAsUrcsAndInCwlif()
    {
        using var f = new WifiOnEmulator();
        f.Wifi.StartSoftAp(new SoftApSettings("BoardAP", "password1", 5, WifiAuthMode.Wpa2Psk, 4, false));
        Assert.Equal("AT+CWMODE?\r\nAT+CWMODE=3\r\nAT+CWSAP=\"BoardAP\",\"password1\",5,3,4,0\r\n", f.WrittenSinceMark);
        Assert.True(f.Wifi.IsSoftApActive);
        var ap = f.Wifi.QuerySoftAp();
        Assert.Equal(("BoardAP", "", 5, WifiAuthMode.Wpa2Psk, 4), (ap.Ssid, ap.Password, ap.Channel, ap.AuthMode, ap.MaxConnections));
        var addressed = new ManualResetEventSlim();
        f.Wifi.StationGotAddress += (_, _) => addressed.Set();

        Assert.NotNull(f.Emulator.Radio.StationJoins("aa:bb:cc:dd:ee:ff"));
        Assert.True(addressed.Wait(5000));
        var station = Assert.Single(f.Wifi.Stations);
        Assert.NotNull(station.Address);
        var leased = Assert.Single(f.Wifi.ListStations());
        Assert.Equal(station.Address, leased.Address);
        Assert.Equal(new byte[] { 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff }, leased.Mac);

        var left = new ManualResetEventSlim();
        f.Wifi.StationLeft += (_, _) => left.Set();
        f.Emulator.Radio.StationLeaves("aa:bb:cc:dd:ee:ff");
        Assert.True(left.Wait(5000));
        Assert.Empty(f.Wifi.Stations);
        f.Wifi.StopSoftAp();
        Assert.False(f.Wifi.IsSoftApActive);
    }

    [Fact]
    public void PingSntpAndMdns()
    {
        using var f = new WifiOnEmulator();
        f.Wifi.Join("Home", "secret-pass", null, 0);
        Assert.Equal(12, f.Wifi.Ping("192.168.1.1"));
        f.Emulator.Radio.SetPingTime("10.9.9.9", null);
        Assert.Equal(-1, f.Wifi.Ping("10.9.9.9"));

        f.Wifi.ConfigureSntp(true, 0, ["pool.ntp.org"]);
        Assert.True(f.Wifi.WaitForTimeUpdate(10_000));
        var now = f.Wifi.QuerySntpTime();
        Assert.InRange(now, DateTime.UtcNow.AddMinutes(-2), DateTime.UtcNow.AddMinutes(2));

        f.Mark();
        f.Wifi.Advertise(new MdnsAdvertisement("board", "_http", 80, "Board", "_tcp", ["path"], ["/"]));
        Assert.Equal("AT+MDNS=1,\"board\",\"_http\",80,\"Board\",\"_tcp\",1,\"path\",\"/\"\r\n", f.WrittenSinceMark);
        f.Wifi.StopMdns();
    }

    [Fact]
    public void AfterTheEmulatorRebootsTheServicePutsItsSettingsBack()
    {
        using var f = new WifiOnEmulator();
        f.Wifi.SetMode(WifiMode.Station);
        f.Wifi.Join("Home", "secret-pass", null, 0);
        f.Wifi.SetHostname("board");
        f.Wifi.StartSoftAp(new SoftApSettings("BoardAP", "password1", 5, WifiAuthMode.Wpa2Psk, 4, false));
        bool? success = null;
        f.Device.Recovered += (_, ok) => success = ok;

        f.Emulator.Reboot();

        Assert.True(f.Device.WaitForRecovery(15_000));
        Assert.True(success);
        Assert.Equal(3, f.Emulator.State.CwMode);
        Assert.Equal("Home", f.Emulator.State.JoinedAp?.Ssid);
        Assert.Equal(2, f.Emulator.State.WifiState);
        Assert.Equal("board", f.Wifi.QueryHostname());
        Assert.Equal("BoardAP", f.Wifi.QuerySoftAp().Ssid);
        Assert.Equal(StationState.GotIp, f.Wifi.State);
    }
}
