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
