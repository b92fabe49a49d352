using GHIElectronics.TinyCLR.Devices.Network;

namespace Esp32At.Tests.TinyClr;

/// <summary>
/// The WINC15x0 driver's extras (TinyCLR-Drivers@cdcb4c5 Microchip/Winc15x0/Winc15x0Interface.cs#L14-L72: firmware
/// version, scan, RSSI, MAC), on the provider over the emulator: each starts the ESP if needed (as GHI's TurnOn does)
/// without joining, and each is one AT query.
/// </summary>
public class ProviderModuleTests
{
    [Fact]
    public void BeforeEnable_FirmwareVersionStartsTheEspWithoutJoining_InGhisFourNumberFormat()
    {
        using var f = new ProviderFixture(enable: false);
        using var wire = new WireLog(f.Emulator.Port);
        Assert.Equal("4.1.1.0", f.Provider.GetFirmwareVersion());
        var started = wire.Sent("AT+");
        Assert.Contains("AT+GMR\\r\\n", started);
        Assert.DoesNotContain(started, w => w.StartsWith("AT+CWJAP", StringComparison.Ordinal));
        Assert.False(f.Controller.GetLinkConnected());
        Assert.Equal("4.1.1.0", f.Provider.GetFirmwareVersion()); // cached: no more traffic
        Assert.Equal(started, wire.Sent("AT+"));
    }

    [Fact]
    public void Scan_ListsTheSsidsInRange_OneCwlap()
    {
        using var f = new ProviderFixture(enable: false);
        f.Provider.EnsureStarted();
        using var wire = new WireLog(f.Emulator.Port);
        Assert.Equal(new[] { "Home" }, f.Provider.Scan());
        Assert.Equal(new[] { "AT+CWLAP\\r\\n" }, wire.Sent());
    }

    [Fact]
    public void Rssi_IsZeroUntilJoinedThenTheAccessPointsSignal_OneCwjapQueryEach()
    {
        using var f = new ProviderFixture(enable: false);
        f.Provider.EnsureStarted();
        using var wire = new WireLog(f.Emulator.Port);
        Assert.Equal(0, f.Provider.GetRssi());
        Assert.Equal(new[] { "AT+CWJAP?\\r\\n" }, wire.Sent());
        f.Controller.Enable();
        Assert.Equal(-48, f.Provider.GetRssi());
        Assert.Equal("AT+CWJAP?\\r\\n", wire.Sent().Last());
    }

    [Fact]
    public void MacAddress_IsTheStationMac_SixBytes()
    {
        using var f = new ProviderFixture(enable: false);
        f.Provider.EnsureStarted();
        using var wire = new WireLog(f.Emulator.Port);
        Assert.Equal(new byte[] { 0x34, 0x85, 0x18, 0x6a, 0x2b, 0x10 }, f.Provider.GetMacAddress());
        Assert.Equal(new[] { "AT+CIPSTAMAC?\\r\\n" }, wire.Sent());
    }

    /// <summary>GHI's controller applies interface settings at Enable (Network.cs#L65,#L106): a module query having started the ESP must not make SetInterfaceSettings join.</summary>
    [Fact]
    public void SettingsAfterAQueryButBeforeEnable_JoinOnlyAtEnable()
    {
        using var f = new ProviderFixture(enable: false);
        f.Provider.GetMacAddress();
        using var wire = new WireLog(f.Emulator.Port);
        f.Controller.SetInterfaceSettings(new WiFiNetworkInterfaceSettings { Ssid = "Home", Password = "secret-pass" });
        Assert.Empty(wire.Sent());
        f.Controller.Enable();
        Assert.Equal(new[] { "AT+CWJAP=\"Home\",\"secret-pass\",,,,,,20\\r\\n" }, wire.Sent("AT+CWJAP="));
        Assert.True(f.Controller.GetLinkConnected());
    }
}
