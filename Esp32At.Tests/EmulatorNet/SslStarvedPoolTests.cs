using Esp32At.Tests.Emulator;

namespace Esp32At.Tests.EmulatorNet;

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class StarvedPoolCollection
{
    public const string Name = "thread pool starved on purpose";
}

/// <summary>
/// The emulator must answer an SSL CIPSTART while every thread-pool thread of its process is blocked: a test run or an
/// app embedding the emulator may well be in that state, and the ESP's TLS stack does not share the host's pool. (The
/// first version ran the handshake through the async API and got no completion, so CIPSTART answered ERROR after 10 s.)
/// Runs alone: it blocks the pool for the whole process.
/// </summary>
[Collection(StarvedPoolCollection.Name)]
public class SslStarvedPoolTests
{
    [Fact]
    public void AnSslCipStartConnectsWhileThePoolIsExhausted()
    {
        using var server = new TlsLoopbackServer(TlsLoopbackServer.Echo);
        using var port = NetPorts.Joined();
        // not disposed: blockers still queued when the test ends must find it set, not disposed (that crashed the host)
        var release = new ManualResetEventSlim();
        ThreadPool.GetMinThreads(out int min, out _);
        int blockers = min + 64; // the pool adds threads beyond its minimum only about one per half second
        var allBlocked = new ManualResetEventSlim();
        int started = 0;
        for (int i = 0; i < blockers; i++)
            ThreadPool.UnsafeQueueUserWorkItem(_ =>
            {
                if (Interlocked.Increment(ref started) == min) allBlocked.Set();
                release.Wait();
            }, null);
        try
        {
            Assert.True(allBlocked.Wait(10_000), "the pool's minimum threads did not start");
            Assert.Equal("0,CONNECT\r\n\r\nOK\r\n", port.Command($"AT+CIPSTART=0,\"SSL\",\"127.0.0.1\",{server.Port}"));
            Assert.True(server.Handshaken.Wait(5000));
        }
        finally
        {
            release.Set();
        }
    }
}
