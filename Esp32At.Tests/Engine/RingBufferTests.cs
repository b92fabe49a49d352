using Esp32At.Engine;

namespace Esp32At.Tests.Engine;

public class RingBufferTests
{
    [Fact]
    public void WrapsAroundWithoutLosingOrReorderingBytes()
    {
        var ring = new RingBuffer(16);
        var output = new List<byte>();
        byte next = 0;
        var chunk = new byte[7];
        var read = new byte[5];
        for (int round = 0; round < 50; round++)
        {
            for (int i = 0; i < chunk.Length; i++) chunk[i] = (byte)(next + i);
            int written = ring.Write(chunk, 0, chunk.Length);
            next += (byte)written;
            int n = ring.Read(read, 0, read.Length);
            output.AddRange(read.Take(n));
        }
        while (ring.Count > 0) { int n = ring.Read(read, 0, read.Length); output.AddRange(read.Take(n)); }
        Assert.Equal(Enumerable.Range(0, output.Count).Select(i => (byte)i), output);
        Assert.Equal(next, (byte)output.Count);
    }

    [Fact]
    public void NeverOverwritesUnreadBytesAndTracksTheHighWaterMark()
    {
        var ring = new RingBuffer(16);
        Assert.Equal(10, ring.Write(new byte[10], 0, 10));
        Assert.Equal(6, ring.Write(Enumerable.Repeat((byte)1, 10).ToArray(), 0, 10));
        Assert.Equal(0, ring.Free);
        Assert.Equal(0, ring.Write([9], 0, 1));
        Assert.Equal(16, ring.HighWaterMark);
        ring.Skip(12);
        Assert.Equal(4, ring.Count);
        Assert.Equal(1, ring[0]);
        Assert.Equal(16, ring.HighWaterMark);
    }

    [Fact]
    public void WriteSegmentLetsATransportReadStraightIntoTheRing()
    {
        var ring = new RingBuffer(16);
        ring.Write(new byte[12], 0, 12);
        ring.Skip(8);
        int room = ring.GetWriteSegment(out int offset);
        Assert.Equal(12, offset);
        Assert.Equal(4, room);
        ring.Storage[offset] = 42;
        ring.Commit(1);
        Assert.Equal(42, ring[4]);
        Assert.Equal(3, ring.GetWriteSegment(out offset));
        Assert.Equal(13, offset);
        Assert.Throws<ArgumentOutOfRangeException>(() => ring.Commit(16));
    }

    [Fact]
    public void RejectsATinyCapacity() => Assert.Throws<ArgumentOutOfRangeException>(() => new RingBuffer(4));
}
