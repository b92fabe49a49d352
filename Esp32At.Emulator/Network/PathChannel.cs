using System.Collections.Concurrent;
using System.Net;
using Esp32At.Emulator.Core;

namespace Esp32At.Emulator.Network;

/// <summary>
/// A link's channel seen through a <see cref="NetworkPath"/>: bytes from the peer reach the ESP one path delay after
/// the loopback delivered them; bytes to the peer leave at once (the firmware answers SEND OK when lwIP took them) and
/// reach it one path delay later, in order; close reaches the peer after the data before it.
/// </summary>
public sealed class PathChannel : LinkChannel
{
    private readonly LinkChannel inner;
    private readonly NetworkPath path;
    private readonly EmulatorClock clock;
    private readonly BlockingCollection<(long DueMs, byte[]? Data, IPEndPoint To)> outbound = new();
    private readonly Thread sender;
    private long lastDueMs;

    public PathChannel(LinkChannel inner, NetworkPath path, EmulatorClock clock)
    {
        this.inner = inner;
        this.path = path;
        this.clock = clock;
        sender = new Thread(SendLoop) { IsBackground = true, Name = "network path" };
        sender.Start();
    }

    /// <summary>The channel without the path (the simulated LAN injects multicast datagrams into it).</summary>
    public LinkChannel Inner => inner;

    public override bool IsDatagram => inner.IsDatagram;
    public override int HostLocalPort => inner.HostLocalPort;

    public override void Send(byte[] data, int offset, int count, IPEndPoint to)
    {
        var copy = data.AsSpan(offset, count).ToArray();
        try { outbound.Add((Due(count), copy, to)); }
        catch (InvalidOperationException) { throw new ObjectDisposedException(nameof(PathChannel)); }
    }

    public override int Receive(byte[] buffer, int count, out IPEndPoint from)
    {
        int n = inner.Receive(buffer, count, out from);
        clock.Delay((int)Math.Round(path.DeliveryMs(Math.Max(n, 0), Random.Shared.NextDouble())));
        return n;
    }

    /// <summary>When bytes sent now arrive (real ms): never before the bytes sent earlier, so a stream stays in order.</summary>
    private long Due(int count)
    {
        long delay = (long)Math.Round(path.DeliveryMs(count, Random.Shared.NextDouble()) * clock.SpeedFactor);
        lock (outbound) return lastDueMs = Math.Max(lastDueMs, Environment.TickCount64 + delay);
    }

    private void SendLoop()
    {
        foreach (var (due, data, to) in outbound.GetConsumingEnumerable())
        {
            long wait = due - Environment.TickCount64;
            if (wait > 0) Thread.Sleep((int)wait);
            if (data is null) break;
            try { inner.Send(data, 0, data.Length, to); }
            catch (Exception e) when (e is IOException or ObjectDisposedException or System.Net.Sockets.SocketException) { break; }
        }
        inner.Dispose();
    }

    public override void Dispose()
    {
        // The close (FIN) follows the data already on its way.
        try
        {
            outbound.Add((Due(0), null, new IPEndPoint(IPAddress.None, 0)));
            outbound.CompleteAdding();
        }
        catch (InvalidOperationException) { }
    }
}
