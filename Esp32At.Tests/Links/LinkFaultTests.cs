using Esp32At.Tests.EmulatorNet;

namespace Esp32At.Tests.Links;

/// <summary>Faults on the line do not lose or duplicate data the library hands out.</summary>
public class LinkFaultTests
{
    [Fact]
    public void ALostNoticeIsRecoveredThroughCipRecvLenWithinTwoSeconds()
    {
        using var server = new LoopbackServer(LoopbackServer.Echo);
        using var f = new LinkFixture();
        int id = f.Links.OpenTcp("127.0.0.1", server.Port);
        f.Emulator.Faults.DropNextNotices(1);
        var data = "lost-notice"u8.ToArray();
        f.Links.Send(id, data, 0, data.Length);
        var started = DateTime.UtcNow;
        Assert.Equal(data, f.ReadAll(id, data.Length));
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(2), "reconciliation took too long");
    }

    [Fact]
    public void GarbageBetweenCommandsDoesNotDisturbTheDataPath()
    {
        using var server = new LoopbackServer(LoopbackServer.Echo);
        using var f = new LinkFixture();
        int id = f.Links.OpenTcp("127.0.0.1", server.Port);
        var rnd = new Random(3);
        var expected = new MemoryStream();
        for (int round = 0; round < 20; round++)
        {
            var noise = new byte[rnd.Next(1, 40)];
            rnd.NextBytes(noise);
            for (int i = 0; i < noise.Length; i++) if (noise[i] == (byte)'\n') noise[i] = (byte)'#'; // keep it one line
            f.Emulator.Faults.InjectGarbage([.. noise, (byte)'\r', (byte)'\n']);
            var chunk = new byte[rnd.Next(1, 3000)];
            rnd.NextBytes(chunk);
            f.Links.Send(id, chunk, 0, chunk.Length);
            expected.Write(chunk);
        }
        Assert.Equal(expected.ToArray(), f.ReadAll(id, (int)expected.Length, 777));
        Assert.True(f.Device.Executor.NoiseBytes > 0);
    }
}
