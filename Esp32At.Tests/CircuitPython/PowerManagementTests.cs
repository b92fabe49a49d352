using Esp32At.CircuitPython;
using Esp32At.Engine;
using Esp32At.Wifi;

namespace Esp32At.Tests.CircuitPython;

/// <summary>wifi.radio.power_management over AT+SLEEP: CircuitPython's values, the exact lines, per firmware.</summary>
[Collection(CircuitPythonWifiCollection.Name)]
public sealed class PowerManagementTests
{
    [Fact]
    public void EachValueIsOneSleepCommandAndReadsBack()
    {
        using var f = new CircuitPythonWifi();
        Assert.Equal(PowerManagement.Min, f.Radio.PowerManagement); // the ESP's power-on modem-sleep
        Assert.Equal("AT+SLEEP?\r\n", f.WrittenSinceMark);

        f.Mark();
        f.Radio.PowerManagement = PowerManagement.None;
        Assert.Equal("AT+SLEEP=0\r\n", f.WrittenSinceMark);
        Assert.Equal(0, f.Emulator.State.SleepMode);
        Assert.Equal(PowerManagement.None, f.Radio.PowerManagement);

        f.Mark();
        f.Radio.PowerManagement = PowerManagement.Max;
        Assert.Equal("AT+SLEEP=3\r\n", f.WrittenSinceMark);
        Assert.Equal(3, f.Emulator.State.SleepMode);
        Assert.Equal(PowerManagement.Max, f.Radio.PowerManagement);

        f.Mark();
        f.Radio.PowerManagement = PowerManagement.Min;
        Assert.Equal("AT+SLEEP=1\r\n", f.WrittenSinceMark);
        Assert.Equal(1, f.Emulator.State.SleepMode);
    }

    [Fact]
    public void LightSleepReadsUnknownAndUnknownCannotBeSet()
    {
        using var f = new CircuitPythonWifi();
        f.Radio.Service.SetSleepMode(WifiService.SleepLight);
        Assert.Equal(PowerManagement.Unknown, f.Radio.PowerManagement);
        f.Mark();
        Assert.Throws<ArgumentException>(() => f.Radio.PowerManagement = PowerManagement.Unknown);
        Assert.Throws<ArgumentException>(() => f.Radio.PowerManagement = (PowerManagement)7);
        Assert.Equal("", f.WrittenSinceMark);
    }

    [Fact]
    public void TheSoftApRefusesPowerSave()
    {
        using var f = new CircuitPythonWifi();
        f.Radio.StartAp("board-ap", "secret-pass");
        f.Mark();
        Assert.ThrowsAny<AtCommandException>(() => f.Radio.PowerManagement = PowerManagement.Min);
        Assert.Equal("AT+SLEEP=1\r\n", f.WrittenSinceMark);
        f.Radio.PowerManagement = PowerManagement.None;
        Assert.Equal(0, f.Emulator.State.SleepMode);
    }

    [Fact]
    public void V22HasNoQuery()
    {
        using var f = new CircuitPythonWifi(profile: "v2.2.0-c3");
        Assert.Equal(PowerManagement.Unknown, f.Radio.PowerManagement);
        f.Radio.PowerManagement = PowerManagement.Max;
        Assert.Equal(PowerManagement.Max, f.Radio.PowerManagement); // what was set: v2.2 cannot be asked
        Assert.Equal("AT+SLEEP=3\r\n", f.WrittenSinceMark);
        Assert.Equal(3, f.Emulator.State.SleepMode);
    }

    [Fact]
    public void TheModeComesBackAfterTheEspRebootsOnItsOwn()
    {
        using var f = new CircuitPythonWifi();
        f.Radio.PowerManagement = PowerManagement.None;
        f.Mark();
        f.Emulator.Faults.Reboot(); // back to the power-on modem-sleep ...
        Assert.True(f.Radio.Service.Device.WaitForRecovery(10_000));
        Assert.Contains("AT+SLEEP=0\r\n", f.WrittenSinceMark); // ... and the service puts its choice back
        Assert.Equal(0, f.Emulator.State.SleepMode);
    }
}
