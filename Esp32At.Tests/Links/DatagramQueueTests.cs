using Esp32At.Links;

namespace Esp32At.Tests.Links;

/// <summary>The UDP receive queue: records wrap around its ring whole, in pieces, with their sender.</summary>
public class DatagramQueueTests
{
    [Fact]
    public void DatagramsThatWrapAroundTheRingComeOutWholeAndInOrder()
    {
        var queue = new DatagramQueue(95);
        var expected = new Queue<byte[]>();
        byte next = 0;
        // 20-byte header + 20..27 bytes of payload per record: starts and payloads land on every offset, many wrap.
        for (int round = 0; round < 40; round++)
        {
            int length = 20 + round % 8;
            var payload = new byte[length];
            for (int i = 0; i < length; i++) payload[i] = next++;
            Assert.True(queue.Begin(length, 0x0100007Fu, 4000 + round));
            // Fed in two pieces, as the parser hands a frame split across ring segments.
            Assert.False(queue.Append(payload, 0, 7));
            Assert.True(queue.Append(payload, 7, length - 7));
            expected.Enqueue(payload);
            if (round % 2 == 1) continue; // let a second record queue up before reading
            while (queue.Count > 0) Check(queue, expected);
        }
        while (queue.Count > 0) Check(queue, expected);
        Assert.Empty(expected);
        Assert.Equal(0, queue.Dropped);
    }

    [Fact]
    public void AShortReadTakesThePrefixAndDiscardsTheRest()
    {
        var queue = new DatagramQueue(56);
        Assert.True(queue.Begin(10, 1, 2));
        Assert.True(queue.Append(new byte[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 }, 0, 10));
        Assert.True(queue.Begin(3, 1, 2));
        Assert.True(queue.Append(new byte[] { 11, 12, 13 }, 0, 3));
        var buffer = new byte[4];
        Assert.Equal(4, queue.Take(buffer, 0, 4, out _, out _));
        Assert.Equal(new byte[] { 1, 2, 3, 4 }, buffer);
        Assert.Equal(3, queue.Take(buffer, 0, 4, out _, out _));
        Assert.Equal(new byte[] { 11, 12, 13 }, buffer[..3]);
        Assert.Equal(-1, queue.Take(buffer, 0, 4, out _, out _));
    }

    [Fact]
    public void AnIpv6SenderComesOutWithItsSixteenBytesAndAnIpv4OneWithout()
    {
        var queue = new DatagramQueue(128);
        var sender = System.Net.IPAddress.Parse("fe80::7edf:a1ff:fe00:518c").GetAddressBytes();
        Assert.True(queue.Begin(2, 0, 5353, sender));
        Assert.True(queue.Append(new byte[] { 1, 2 }, 0, 2));
        Assert.True(queue.Begin(1, 0x0204A8C0u, 53));
        Assert.True(queue.Append(new byte[] { 3 }, 0, 1));
        var buffer = new byte[4];
        var from = new byte[16];
        Assert.Equal(2, queue.Take(buffer, 0, 4, out uint address, out int port, from, out bool isIpv6));
        Assert.True(isIpv6);
        Assert.Equal(0u, address);
        Assert.Equal(5353, port);
        Assert.Equal(sender, from);
        Assert.Equal(1, queue.Take(buffer, 0, 4, out address, out port, from, out isIpv6));
        Assert.False(isIpv6);
        Assert.Equal(0x0204A8C0u, address);
        Assert.Equal(53, port);
    }

    private static void Check(DatagramQueue queue, Queue<byte[]> expected)
    {
        var want = expected.Dequeue();
        var buffer = new byte[40];
        int n = queue.Take(buffer, 3, 37, out uint address, out int port);
        Assert.Equal(want.Length, n);
        Assert.Equal(want, buffer.AsSpan(3, n).ToArray());
        Assert.Equal(0x0100007Fu, address);
        Assert.InRange(port, 4000, 4039);
    }
}
