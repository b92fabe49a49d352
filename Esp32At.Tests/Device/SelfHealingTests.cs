using Esp32At.Device;
using Esp32At.Links;
using Esp32At.Tests.EmulatorNet;
using Esp32At.Tests.Links;

namespace Esp32At.Tests.Device;

/// <summary>An ESP that reboots on its own is brought back without the application doing anything.</summary>
public class SelfHealingTests
{
    [Fact]
    public void AfterAnUnexpectedRebootTheDeviceIsReinitialisedRestoredAndReportedOnce()
    {
        using var server = new LoopbackServer(LoopbackServer.Echo);
        using var f = new LinkFixture();
        int id = f.Links.OpenTcp("127.0.0.1", server.Port);
        var restorer = new CountingRestorer();
        f.Device.AddRestorable(restorer);
        int recovered = 0;
        bool success = false;
        f.Device.Recovered += (_, ok) => { success = ok; Interlocked.Increment(ref recovered); };

        f.Emulator.Reboot([0x00, 0xFF, 0x1B]); // boot-ROM noise, then ready

        Assert.True(f.Device.WaitForRecovery(10_000), "recovery did not finish within 10 s");
        Assert.Equal(1, recovered);
        Assert.True(success);
        Assert.Equal(1, restorer.Count);
        Assert.False(f.Emulator.State.Echo);
        Assert.Equal(1, f.Emulator.State.CipMux);
        Assert.True(f.Emulator.State.CipDInfo);
        Assert.All(f.Emulator.State.RecvMode, m => Assert.Equal(1, m));
        Assert.Equal(LinkState.Reset, f.Links.StateOf(id));
        Assert.Throws<LinkResetException>(() => f.Links.Send(id, [1], 0, 1));
    }

    [Fact]
    public void ARebootAfterABaudSwitchIsFoundAtTheBootRateAndTheRateIsSwitchedAgain()
    {
        using var server = new LoopbackServer(LoopbackServer.Echo);
        using var emulator = new Esp32At.Emulator.Core.EspEmulator(new Esp32At.Emulator.Core.EmulatorOptions { SpeedFactor = 0, BootTimeMs = 0 });
        var transport = new Esp32At.Hosting.EmulatorTransport(emulator);
        using var device = new Esp32AtDevice(transport, new Esp32AtOptions { BaudRate = 921600 });
        device.Initialize();
        Assert.Equal(921600, transport.BaudRate);
        var links = new ConnectionTable(device);
        device.Executor.Execute("AT+CWMODE=1", 2000);
        device.Executor.Execute("AT+CWJAP=\"Home\",\"secret-pass\"", 5000, resendOnBusy: false);
        int id = links.OpenTcp("127.0.0.1", server.Port);

        emulator.Reboot(); // back at 115200: its "ready" reaches us garbled, at 921600
        Assert.ThrowsAny<Esp32At.Engine.AtCommandException>(() => device.Executor.Execute("AT", 500));

        Assert.True(device.WaitForRecovery(15_000), "the reboot behind the garbled ready was not found");
        Assert.Equal(921600, transport.BaudRate);
        Assert.Equal(921600, emulator.State.UartBaud);
        Assert.Equal(LinkState.Reset, links.StateOf(id));
        device.Executor.Execute("AT", 2000);
    }

    private sealed class CountingRestorer : IRestorable
    {
        public int Count;
        public void Restore(Esp32AtDevice device)
        {
            device.Executor.Execute("AT", 2000); // restorers may talk to the ESP
            Interlocked.Increment(ref Count);
        }
    }
}
