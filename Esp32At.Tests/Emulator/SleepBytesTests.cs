using Esp32At.Emulator.Profiles;

namespace Esp32At.Tests.Emulator;

/// <summary>Exact bytes of AT+SLEEP per profile (Espressif's Basic_AT_Commands.rst of v2.2, v3.2 and v4.1).</summary>
public class SleepBytesTests
{
    private static RawPort Port(FirmwareProfile profile)
    {
        var port = new RawPort(profile);
        port.Command("ATE0");
        return port;
    }

    private static string Error(RawPort port, string line) => port.Command(line, "ERROR\r\n");

    [Theory]
    [InlineData("v3.3.0-c3")]
    [InlineData("v4.0.0-c6")]
    [InlineData("v4.1.1-c3")]
    public void QueryAnswersTheModeSetAndPowerOnIsModemSleep(string profile)
    {
        using var port = Port(FirmwareProfile.Named(profile));
        Assert.Equal("+SLEEP:1\r\n\r\nOK\r\n", port.Command("AT+SLEEP?"));
        foreach (var mode in new[] { 0, 3, 2, 1 })
        {
            Assert.Equal("\r\nOK\r\n", port.Command($"AT+SLEEP={mode}"));
            Assert.Equal($"+SLEEP:{mode}\r\n\r\nOK\r\n", port.Command("AT+SLEEP?"));
        }
        port.Command("AT+SLEEP=0");
        port.Command("AT+RST", "ready\r\n");
        port.Command("ATE0");
        Assert.Equal("+SLEEP:1\r\n\r\nOK\r\n", port.Command("AT+SLEEP?")); // not kept across a reboot
    }

    [Fact]
    public void V22HasTheSetFormOnly()
    {
        using var port = Port(FirmwareProfile.V2_2_C3);
        Assert.Equal("\r\nOK\r\n", port.Command("AT+SLEEP=0"));
        Assert.Equal("\r\nERROR\r\n", Error(port, "AT+SLEEP?"));
        port.Command("AT+SYSLOG=1");
        Assert.Equal("ERR CODE:0x010c0000\r\n\r\nERROR\r\n", Error(port, "AT+SLEEP?"));
    }

    [Fact]
    public void SoftApModesRefuseEverySleepButNone()
    {
        using var port = Port(FirmwareProfile.V4_1_1_C3);
        port.Command("AT+SYSLOG=1");
        foreach (var wifi in new[] { 2, 3 })
        {
            port.Command($"AT+CWMODE={wifi}");
            foreach (var mode in new[] { 1, 2, 3 })
                Assert.Equal("ERR CODE:0x010a0000\r\n\r\nERROR\r\n", Error(port, $"AT+SLEEP={mode}"));
            Assert.Equal("\r\nOK\r\n", port.Command("AT+SLEEP=0"));
        }
    }

    /// <summary>With Wi-Fi off (CWMODE=0): v4.1 takes every mode, v3.2-v4.0 light-sleep only, v2.2 none but 0.</summary>
    [Theory]
    [InlineData("v2.2.0-c3", "", "123")]
    [InlineData("v3.3.0-c3", "2", "13")]
    [InlineData("v4.0.0-c6", "2", "13")]
    [InlineData("v4.1.1-c3", "123", "")]
    public void WifiOffAcceptsWhatTheVersionDocuments(string profile, string accepted, string refused)
    {
        using var port = Port(FirmwareProfile.Named(profile));
        port.Command("AT+CWMODE=0");
        foreach (char m in accepted) Assert.Equal("\r\nOK\r\n", port.Command($"AT+SLEEP={m}"));
        foreach (char m in refused) Assert.Equal("\r\nERROR\r\n", Error(port, $"AT+SLEEP={m}"));
        Assert.Equal("\r\nOK\r\n", port.Command("AT+SLEEP=0"));
    }
}
