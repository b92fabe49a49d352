using Esp32At.CircuitPython;
using Esp32At.Wifi;

namespace Esp32At.Tests.CircuitPython;

/// <summary>The firmware's ecn enum maps to the core's AuthMode sets (the seed decoded it as a bitmask: bug B10).</summary>
public sealed class AuthModeTests
{
    [Theory]
    [InlineData(WifiAuthMode.Open, AuthMode.Open)]
    [InlineData(WifiAuthMode.Wep, AuthMode.Wep)]
    [InlineData(WifiAuthMode.WpaPsk, AuthMode.Wpa | AuthMode.Psk)]
    [InlineData(WifiAuthMode.Wpa2Psk, AuthMode.Wpa2 | AuthMode.Psk)]
    [InlineData(WifiAuthMode.WpaWpa2Psk, AuthMode.Wpa | AuthMode.Wpa2 | AuthMode.Psk)]
    [InlineData(WifiAuthMode.Wpa2Enterprise, AuthMode.Wpa2 | AuthMode.Enterprise)]
    [InlineData(WifiAuthMode.Wpa3Psk, AuthMode.Wpa3 | AuthMode.Psk)]
    [InlineData(WifiAuthMode.Wpa2Wpa3Psk, AuthMode.Wpa2 | AuthMode.Wpa3 | AuthMode.Psk)]
    [InlineData((WifiAuthMode)99, (AuthMode)0)]
    public void FirmwareModesMapToCoreSets(WifiAuthMode ecn, AuthMode expected)
    {
        Assert.Equal(expected, AuthModes.FromFirmware(ecn));
    }

    [Theory]
    [InlineData((AuthMode)0, false, WifiAuthMode.Open)]
    [InlineData((AuthMode)0, true, WifiAuthMode.WpaWpa2Psk)]
    [InlineData(AuthMode.Open, false, WifiAuthMode.Open)]
    [InlineData(AuthMode.Psk, true, WifiAuthMode.WpaWpa2Psk)]
    [InlineData(AuthMode.Wpa2 | AuthMode.Psk, true, WifiAuthMode.Wpa2Psk)]
    [InlineData(AuthMode.Wpa, true, WifiAuthMode.WpaPsk)]
    [InlineData(AuthMode.Wpa | AuthMode.Wpa2 | AuthMode.Psk, true, WifiAuthMode.WpaWpa2Psk)]
    public void SoftApModesFollowTheCoreDefaults(AuthMode requested, bool password, WifiAuthMode ecn)
    {
        Assert.Equal(ecn, AuthModes.ForSoftAp(requested, password));
    }

    [Theory]
    [InlineData(AuthMode.Wep)]
    [InlineData(AuthMode.Wpa3 | AuthMode.Psk)]
    [InlineData(AuthMode.Wpa2 | AuthMode.Enterprise)]
    [InlineData(AuthMode.Open | AuthMode.Psk)]
    public void SoftApModesTheFirmwareLacksAreRejected(AuthMode requested)
    {
        Assert.Throws<ArgumentException>(() => AuthModes.ForSoftAp(requested, true));
    }

    [Fact]
    public void FormatsLikeTheCore()
    {
        Assert.Equal("[wifi.AuthMode.WPA2, wifi.AuthMode.PSK]", AuthModes.Format(AuthMode.Wpa2 | AuthMode.Psk));
    }
}
