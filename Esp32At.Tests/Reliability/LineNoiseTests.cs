using Esp32At.Emulator.Transports;
using Esp32At.Engine;
using Esp32At.Links;

namespace Esp32At.Tests.Reliability;

/// <summary>
/// Garbage and lost bytes on the UART: noise is skipped, a command whose answer was damaged fails within its timeout,
/// the next command works, and damaged data is never handed out as good data.
/// </summary>
public sealed class LineNoiseTests
{
    [Fact]
    public void GarbageWithoutLineEnds_BetweenAndDuringExchanges_LosesNothing()
    {
        using var peer = new EchoPeer();
        using var f = new FaultFixture();
        int id = f.Links.OpenTcp("127.0.0.1", peer.Port);
        var rnd = new Random(11);
        var expected = new MemoryStream();
        for (int round = 0; round < 30; round++)
        {
            var noise = new byte[rnd.Next(1, 60)];
            rnd.NextBytes(noise);
            for (int i = 0; i < noise.Length; i++)
                if (noise[i] is (byte)'\n' or (byte)'+' or (byte)'>' or (byte)'\r') noise[i] = (byte)'~';
            f.Emulator.Faults.InjectGarbage([(byte)'\r', (byte)'\n', .. noise, (byte)'\r', (byte)'\n']);
            var chunk = NoticeFaultTests.Pattern(rnd.Next(1, 2500), round);
            f.Links.Send(id, chunk, 0, chunk.Length);
            expected.Write(chunk);
        }
        Assert.Equal(expected.ToArray(), f.ReadAll(id, (int)expected.Length, 900));
        Assert.True(f.Device.Executor.NoiseBytes > 0);
    }

    [Fact]
    public void AnUnsolicitedFinalResultFromNoise_IsNotTakenForTheNextCommandsAnswer()
    {
        using var f = new FaultFixture();
        f.Emulator.Faults.InjectGarbage("\r\nERROR\r\n\r\nOK\r\n"u8.ToArray());
        Thread.Sleep(100); // let the pump see the noise while nothing is pending
        Assert.Equal(FaultFixture.Ssid, f.Wifi.QueryJoinedNetwork()?.Ssid);
    }

    [Fact]
    public void DroppedBytesInACommandsAnswer_FailItWithinItsTimeout_AndTheNextCommandWorks()
    {
        using var f = new FaultFixture();
        var resolver = new HostResolver(f.Device);
        f.Emulator.Faults.DropBytes(6); // "\r\nOK\r\n" of the next answer, or the start of its information line
        var elapsed = FaultFixture.Timed(() => Record.Exception(() => resolver.Resolve("echo.test")));
        Assert.True(elapsed < TimeSpan.FromSeconds(6), $"took {elapsed}");
        Assert.Equal(new byte[] { 127, 0, 0, 1 }, resolver.Resolve("echo.test"));
        Assert.True(f.Wifi.IsConnected);
    }

    [Fact]
    public void DroppedBytesInAReceiveAnswer_NeverYieldWrongData_AndTheLinkGivesAClearOutcome()
    {
        using var peer = new EchoPeer();
        using var f = new FaultFixture();
        int id = f.Links.OpenTcp("127.0.0.1", peer.Port);
        var data = NoticeFaultTests.Pattern(200, 3);
        f.Links.Send(id, data, 0, data.Length);
        Assert.True(f.Links.WaitReadable(id, 5000));

        f.Emulator.Faults.DropBytes(1, LineDirection.ToHost); // the first byte of +CIPRECVDATA:200,...
        var got = new MemoryStream();
        Exception? error = null;
        var elapsed = FaultFixture.Timed(() => error = Record.Exception(() =>
        {
            var buf = new byte[512];
            while (got.Length < data.Length)
            {
                int n = f.Links.Receive(id, buf, 0, buf.Length, 3000);
                if (n == 0) break;
                got.Write(buf, 0, n);
            }
        }));

        Assert.True(elapsed < TimeSpan.FromSeconds(7), $"took {elapsed}");
        var received = got.ToArray();
        Assert.True(received.AsSpan().SequenceEqual(data.AsSpan(0, received.Length)), "bytes handed out differ from what the peer sent");
        // Either everything arrived, or the caller was told the stream is broken: never a silent gap or a plain timeout.
        Assert.True(received.Length == data.Length || error is LinkResetException, $"got {received.Length}/{data.Length} bytes, error: {error?.GetType().Name}: {error?.Message}");
    }

    [Fact]
    public void BytesLostOnTheWayToTheEsp_FailTheCommandInBoundedTime_AndTheLineRecovers()
    {
        using var f = new FaultFixture();
        f.Emulator.Faults.DropBytes(3, LineDirection.ToEmulator); // "AT+" of the next command: the ESP sees a bad line
        var elapsed = FaultFixture.Timed(() => Record.Exception(() => f.Wifi.QueryJoinedNetwork()));
        Assert.True(elapsed < TimeSpan.FromSeconds(3), $"took {elapsed}");
        Assert.True(f.Wifi.IsConnected);
    }
}
