using Esp32At.Links;

namespace Esp32At.Tests.Reliability;

/// <summary>
/// Lost, coalesced and split <c>+IPD</c> notices, and a peer that closes before the host read: every byte the peer
/// sent is handed out once, in order, within a bounded time.
/// </summary>
public sealed class NoticeFaultTests
{
    [Fact]
    public void SeveralLostNoticesDuringABulkTransfer_LoseNothing_AndCostAtMostAFewSeconds()
    {
        using var peer = new EchoPeer();
        using var f = new FaultFixture();
        int id = f.Links.OpenTcp("127.0.0.1", peer.Port);
        var data = Pattern(12_000, 1);
        f.Emulator.Faults.DropNextNotices(4);

        var elapsed = FaultFixture.Timed(() =>
        {
            f.Links.Send(id, data, 0, data.Length);
            Assert.Equal(data, f.ReadAll(id, data.Length, 1500));
        });

        Assert.True(elapsed < TimeSpan.FromSeconds(8), $"took {elapsed}");
    }

    [Fact]
    public void ANoticeCoalescedWithTheNextAnswer_IsParsedApart_AndLosesNothing()
    {
        using var peer = new EchoPeer();
        using var f = new FaultFixture();
        int id = f.Links.OpenTcp("127.0.0.1", peer.Port);
        for (int round = 0; round < 4; round++)
        {
            var chunk = Pattern(100 + round * 900, round);
            f.Links.Send(id, chunk, 0, chunk.Length);
            // The notice of the echo is held until the ESP's next write (another notice, or the answer to the
            // library's CIPRECVLEN? after a silent second) and both reach the host in one read.
            f.Emulator.Faults.CoalesceWrites(2);
            var elapsed = FaultFixture.Timed(() => Assert.Equal(chunk, f.ReadAll(id, chunk.Length, 700)));
            Assert.True(elapsed < TimeSpan.FromSeconds(3), $"round {round} took {elapsed}");
        }
    }

    [Fact]
    public void EveryWriteSplitIntoSingleBytes_LosesNothing()
    {
        using var peer = new EchoPeer();
        using var f = new FaultFixture();
        int id = f.Links.OpenTcp("127.0.0.1", peer.Port);
        f.Emulator.Faults.SplitWrites(1);
        var data = Pattern(3000, 7);
        f.Links.Send(id, data, 0, data.Length);
        Assert.Equal(data, f.ReadAll(id, data.Length, 999));
        f.Emulator.Faults.SplitWrites(0);
    }

    [Fact]
    public void RemoteCloseBeforeRead_EndsTheStreamInBoundedTime_AndTheIdIsReusable()
    {
        using var peer = new EchoPeer();
        using var f = new FaultFixture();
        int id = f.Links.OpenTcp("127.0.0.1", peer.Port);
        var read = "read in time"u8.ToArray();
        f.Links.Send(id, read, 0, read.Length);
        Assert.Equal(read, f.ReadAll(id, read.Length));

        f.Emulator.Faults.RemoteCloseBeforeRead(id);
        var unread = "gone with the close"u8.ToArray();
        f.Links.Send(id, unread, 0, unread.Length);
        // The firmware dropped the unread bytes (spec §7.7): the library must say the stream ended, not hang.
        var buf = new byte[64];
        int n = -1;
        Exception? error = null;
        var elapsed = FaultFixture.Timed(() => error = Record.Exception(() => n = f.Links.Receive(id, buf, 0, buf.Length, 5000)));
        Assert.True(elapsed < TimeSpan.FromSeconds(3), $"took {elapsed}");
        Assert.True(n == 0 || error is LinkResetException, $"n={n}, error={error}");
        Assert.NotEqual(LinkState.Open, f.Links.StateOf(id));
        f.Links.Close(id);

        using var peer2 = new EchoPeer();
        Assert.Equal(id, f.Links.OpenTcp("127.0.0.1", peer2.Port));
    }

    /// <summary>Bytes that show a shift, a loss or a repeat at once.</summary>
    internal static byte[] Pattern(int length, int seed)
    {
        var b = new byte[length];
        for (int i = 0; i < length; i++) b[i] = (byte)((i * 31 + seed * 7 + (i >> 8)) & 0xFF);
        return b;
    }
}
