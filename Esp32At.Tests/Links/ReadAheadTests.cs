using System.Net.Sockets;
using System.Text;
using Esp32At.Device;
using Esp32At.Emulator.Core;
using Esp32At.Hosting;
using Esp32At.Links;
using Esp32At.Tests.Device;
using Esp32At.Tests.EmulatorNet;

namespace Esp32At.Tests.Links;

/// <summary>
/// Read-ahead on passive TCP links: a read smaller than what the ESP holds fetches it all in one AT+CIPRECVDATA into
/// the shared staging buffer, later small reads are served from it with nothing on the wire, and no byte is lost,
/// duplicated or handed to the wrong link or owner.
/// </summary>
public class ReadAheadTests
{
    private const int Burst = 2000;

    private static byte[] Pattern(int seed, int size)
    {
        var b = new byte[size];
        new Random(seed).NextBytes(b);
        return b;
    }

    /// <summary>A server that sends <paramref name="data"/> at once and then waits for the client to close.</summary>
    private static LoopbackServer Sender(byte[] data) => new(s =>
    {
        s.Write(data, 0, data.Length);
        try { while (s.Read(new byte[64], 0, 64) > 0) { } } catch (IOException) { }
    });

    private static byte[] ReadInPieces(ConnectionTable links, int id, int total, int piece, List<int>? sizes = null)
    {
        var got = new byte[total];
        int at = 0;
        while (at < total)
        {
            int n = links.Receive(id, got, at, Math.Min(piece, total - at), 5000);
            Assert.True(n > 0);
            sizes?.Add(n);
            at += n;
        }
        return got;
    }

    [Fact]
    public void SmallReadsOfABurstCostOneReceiveCommandOnTheWire()
    {
        var data = Pattern(1, Burst);
        using var server = Sender(data);
        using var rig = new EmulatedLinksRig(new Esp32AtOptions { ReadAheadBytes = 5760 });
        int id = rig.Links.OpenTcp("127.0.0.1", server.Port);
        rig.WaitAvailable(id, Burst);
        int before = rig.Wire.Written.Length;

        var sizes = new List<int>();
        var got = ReadInPieces(rig.Links, id, Burst, 100, sizes);

        Assert.Equal(data, got);
        Assert.All(sizes, n => Assert.Equal(100, n));
        Assert.Equal($"AT+CIPRECVDATA={id},5760\r\n", rig.Wire.Written[before..]); // one window: the ESP answers with its 2000
        Assert.Equal(0, rig.Links.Available(id));
        rig.Links.Close(id);
    }

    [Fact]
    public void StagedBytesCountAsAvailableUntilRead()
    {
        var data = Pattern(2, Burst);
        using var server = Sender(data);
        using var rig = new EmulatedLinksRig(new Esp32AtOptions { ReadAheadBytes = 5760 });
        int id = rig.Links.OpenTcp("127.0.0.1", server.Port);
        rig.WaitAvailable(id, Burst);
        var first = new byte[1000];
        Assert.Equal(1000, rig.Links.Receive(id, first, 0, first.Length, 5000));
        Assert.Equal(Burst - 1000, rig.Links.Available(id));
        Assert.True(rig.Links.WaitReadable(id, 0));
        rig.Links.Close(id);
    }

    [Fact]
    public void WithoutReadAheadEverySmallReadIsOneReceiveCommand()
    {
        var data = Pattern(3, 1000);
        using var server = Sender(data);
        using var rig = new EmulatedLinksRig(new Esp32AtOptions { ReadAheadBytes = 0 });
        int id = rig.Links.OpenTcp("127.0.0.1", server.Port);
        rig.WaitAvailable(id, 1000);
        int before = rig.Wire.Written.Length;

        var got = ReadInPieces(rig.Links, id, 1000, 250);

        Assert.Equal(data, got);
        Assert.Equal(string.Concat(Enumerable.Repeat($"AT+CIPRECVDATA={id},250\r\n", 4)), rig.Wire.Written[before..]);
        rig.Links.Close(id);
    }

    [Fact]
    public void ASecondLinkReadsStraightWhileTheFirstHoldsTheStagingBuffer()
    {
        var a = Pattern(4, Burst);
        var b = Pattern(5, Burst);
        using var serverA = Sender(a);
        using var serverB = Sender(b);
        using var rig = new EmulatedLinksRig(new Esp32AtOptions { ReadAheadBytes = 5760 });
        int idA = rig.Links.OpenTcp("127.0.0.1", serverA.Port);
        int idB = rig.Links.OpenTcp("127.0.0.1", serverB.Port);
        rig.WaitAvailable(idA, Burst);
        rig.WaitAvailable(idB, Burst);

        var gotA = new byte[Burst];
        var gotB = new byte[Burst];
        int before = rig.Wire.Written.Length;
        Assert.Equal(500, rig.Links.Receive(idA, gotA, 0, 500, 5000));   // stages all of A
        Assert.Equal(500, rig.Links.Receive(idB, gotB, 0, 500, 5000));   // A holds the buffer: B reads 500 straight
        Assert.Equal($"AT+CIPRECVDATA={idA},5760\r\nAT+CIPRECVDATA={idB},500\r\n", rig.Wire.Written[before..]);
        int atA = 500, atB = 500;
        while (atA < Burst || atB < Burst)
        {
            if (atA < Burst) atA += rig.Links.Receive(idA, gotA, atA, Math.Min(700, Burst - atA), 5000);
            if (atB < Burst) atB += rig.Links.Receive(idB, gotB, atB, Math.Min(700, Burst - atB), 5000);
        }

        Assert.Equal(a, gotA);
        Assert.Equal(b, gotB);
        rig.Links.Close(idA);
        rig.Links.Close(idB);
    }

    [Fact]
    public void BytesStagedForAClosedLinkNeverReachTheIdsNextOwner()
    {
        var old = Pattern(6, Burst);
        var fresh = Encoding.ASCII.GetBytes("fresh data for the new owner");
        using var serverOld = Sender(old);
        using var serverNew = Sender(fresh);
        using var rig = new EmulatedLinksRig(new Esp32AtOptions { ReadAheadBytes = 5760 });
        int id = rig.Links.OpenTcp("127.0.0.1", serverOld.Port);
        rig.WaitAvailable(id, Burst);
        var piece = new byte[100];
        Assert.Equal(100, rig.Links.Receive(id, piece, 0, 100, 5000));
        rig.Links.Close(id); // 1900 bytes still staged: discarded with the link

        int again = rig.Links.OpenTcp("127.0.0.1", serverNew.Port);
        Assert.Equal(id, again);
        rig.WaitAvailable(again, fresh.Length);
        var got = ReadInPieces(rig.Links, again, fresh.Length, 10);
        Assert.Equal(fresh, got);
        Assert.Equal(0, rig.Links.Available(again));
        rig.Links.Close(again);
    }

    [Fact]
    public void AReadOfAWindowOrMoreGoesStraightIntoTheCallersBufferAskingForOneWindow()
    {
        var data = Pattern(7, 1200);
        using var server = Sender(data);
        using var rig = new EmulatedLinksRig(new Esp32AtOptions { ReadAheadBytes = 5760 });
        int id = rig.Links.OpenTcp("127.0.0.1", server.Port);
        rig.WaitAvailable(id, 1200);
        int before = rig.Wire.Written.Length;
        var got = new byte[8192];
        Assert.Equal(1200, rig.Links.Receive(id, got, 0, got.Length, 5000));
        Assert.Equal(data, got[..1200]);
        // Never above one window, however large the buffer: the ESP allocates its answer at the asked length.
        Assert.Equal($"AT+CIPRECVDATA={id},5760\r\n", rig.Wire.Written[before..]);
        rig.Links.Close(id);
    }

    [Fact]
    public void OneReadTakesWhatArrivedAfterTheNoticeInTheSameExchange()
    {
        var first = Pattern(8, 1000);
        var more = Pattern(9, 1500);
        using var sendMore = new ManualResetEventSlim();
        using var server = new LoopbackServer(s =>
        {
            s.Write(first, 0, first.Length);
            sendMore.Wait(5000);
            s.Write(more, 0, more.Length);
            try { while (s.Read(new byte[64], 0, 64) > 0) { } } catch (IOException) { }
        });
        using var rig = new EmulatedLinksRig(new Esp32AtOptions { ReadAheadBytes = 5760 });
        int id = rig.Links.OpenTcp("127.0.0.1", server.Port);
        rig.WaitAvailable(id, first.Length);
        sendMore.Set();
        // The ESP announces once until a read (spec §2.3): the notice still says 1000 while it holds 2500.
        Assert.True(SpinWait.SpinUntil(() => rig.Emulator.Links[id]?.Buffered == first.Length + more.Length, 5000));
        Assert.Equal(first.Length, rig.Links.Available(id));
        int before = rig.Wire.Written.Length;

        var got = ReadInPieces(rig.Links, id, first.Length + more.Length, 500);

        Assert.Equal(first.Concat(more).ToArray(), got);
        Assert.Equal($"AT+CIPRECVDATA={id},5760\r\n", rig.Wire.Written[before..]); // one exchange brought all 2500
        rig.Links.Close(id);
    }

    [Theory]
    [InlineData(100)]   // read-ahead into the staging buffer
    [InlineData(8192)]  // straight into the caller's buffer
    public void AWindowAskTheEspHasNoHeapForIsAskedAgainForTheAnnouncedTotal(int piece)
    {
        var data = Pattern(10, 1000);
        using var server = Sender(data);
        using var rig = new EmulatedLinksRig(new Esp32AtOptions { ReadAheadBytes = 5760 });
        rig.Emulator.Faults.ReadHeapBytes = 1000 + 128; // an answer of 1000 fits, one of 5760 does not
        int id = rig.Links.OpenTcp("127.0.0.1", server.Port);
        rig.WaitAvailable(id, data.Length);
        int before = rig.Wire.Written.Length;

        var got = ReadInPieces(rig.Links, id, data.Length, piece);

        Assert.Equal(data, got);
        Assert.Equal($"AT+CIPRECVDATA={id},5760\r\nAT+CIPRECVDATA={id},1000\r\n", rig.Wire.Written[before..]);
        Assert.Equal(LinkState.Open, rig.Links.StateOf(id));
        rig.Links.Close(id);
    }
}
