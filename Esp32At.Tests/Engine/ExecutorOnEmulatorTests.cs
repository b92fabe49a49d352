using Esp32At.Emulator.Core;
using Esp32At.Emulator.Profiles;
using Esp32At.Engine;
using Esp32At.Hosting;

namespace Esp32At.Tests.Engine;

/// <summary>The executor against the emulated firmware (rather than scripted replies).</summary>
public sealed class ExecutorOnEmulatorTests : IDisposable
{
    private readonly EspEmulator emulator = new(new EmulatorOptions { Profile = FirmwareProfile.V3_3_C3, SpeedFactor = 0, BootTimeMs = 0 });
    private readonly AtExecutor executor;

    public ExecutorOnEmulatorTests()
    {
        executor = new AtExecutor(new EmulatorTransport(emulator));
        executor.Start();
        Assert.True(executor.WaitForReady(5000));
    }

    public void Dispose()
    {
        executor.Dispose();
        emulator.Dispose();
    }

    [Fact]
    public void EchoedCommandsAreSkippedAndGmrIsParsed()
    {
        Assert.Equal(0, executor.Execute("AT", 2000).LineCount);
        executor.Execute("ATE0", 2000);
        var gmr = executor.Execute("AT+GMR", 2000);
        Assert.Equal(4, gmr.LineCount);
        Assert.Equal("3.3.0.0(3b13d04 - ESP32C3 - May  8 2024 08:21:54)", gmr.Find("AT version:"));
    }

    [Fact]
    public void ErrorFromTheFirmwareCarriesItsErrCode()
    {
        executor.Execute("AT+SYSLOG=1", 2000);
        var e = Assert.Throws<AtCommandException>(() => executor.Execute("AT+NOPE", 2000));
        Assert.Equal("ERR CODE:0x01090000", e.Code);
    }

    [Fact]
    public void ARebootDuringACommandFailsItAndRaisesRebooted()
    {
        int rebooted = 0;
        executor.Rebooted += _ => Interlocked.Increment(ref rebooted);
        emulator.Commands.Register("HANG", _ => Thread.Sleep(3000));
        var t = new Thread(() => { Thread.Sleep(100); emulator.Reboot([0xFF, 0x00, 0x13]); });
        t.Start();
        Assert.Throws<AtRebootedException>(() => executor.Execute("AT+HANG", 10_000));
        t.Join();
        Assert.Equal(1, rebooted);
        Assert.Equal(0, executor.Execute("AT", 2000).LineCount);
    }
}
