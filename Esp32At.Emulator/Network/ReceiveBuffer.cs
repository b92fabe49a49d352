using System.Net;

namespace Esp32At.Emulator.Network;

/// <summary>
/// A link's passive-mode receive buffer (spec §4): segments as they arrived, each with its sender. For TCP the total is
/// capped by the caller at the 5760-byte window; for UDP at most <see cref="UdpMailbox"/> datagrams wait and further
/// ones are dropped. A read takes bytes across segment boundaries; for UDP a datagram cut by the read length loses
/// its remainder (lwIP recv semantics, spec §4 / esp-at#323).
/// </summary>
public sealed class ReceiveBuffer(bool datagrams)
{
    /// <summary>lwIP's default UDP receive mailbox on ESP-IDF (CONFIG_LWIP_UDP_RECVMBOX_SIZE = 6).</summary>
    public const int UdpMailbox = 6;

    private readonly Queue<Segment> segments = new();
    private int offset; // bytes of the head segment already read (TCP only)

    private sealed record Segment(byte[] Data, IPEndPoint From);

    public int Count { get; private set; }

    /// <summary>Appends bytes; false when a datagram was dropped because the mailbox is full.</summary>
    public bool Add(byte[] data, int count, IPEndPoint from)
    {
        if (datagrams && segments.Count >= UdpMailbox) return false;
        segments.Enqueue(new Segment(data[..count], from));
        Count += count;
        return true;
    }

    /// <summary>Takes up to <paramref name="max"/> bytes; <paramref name="from"/> is the sender of the first byte taken.</summary>
    public byte[] Take(int max, out IPEndPoint? from)
    {
        from = segments.Count > 0 ? segments.Peek().From : null;
        var result = new List<byte>(Math.Min(max, Count));
        while (result.Count < max && segments.Count > 0)
        {
            var head = segments.Peek();
            int available = head.Data.Length - offset;
            int n = Math.Min(available, max - result.Count);
            result.AddRange(new ArraySegment<byte>(head.Data, offset, n));
            if (n == available || datagrams)
            {
                segments.Dequeue();
                Count -= available;
                offset = 0;
            }
            else
            {
                offset += n;
                Count -= n;
            }
        }
        return result.ToArray();
    }

    public void Clear()
    {
        segments.Clear();
        offset = 0;
        Count = 0;
    }
}
