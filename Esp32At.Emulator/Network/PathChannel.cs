using System.Collections.Concurrent;
using System.Net;
using Esp32At.Emulator.Core;

namespace Esp32At.Emulator.Network;

/// <summary>
/// A link's channel seen through a <see cref="NetworkPath"/>: bytes from the peer reach the ESP one path delay after
/// the loopback delivered them; bytes to the peer leave at once (the firmware answers SEND OK when lwIP took them) and
/// reach it one path delay later, in order; close reaches the peer after the data before it. Datagrams from the peer
/// are in flight together (each arrives one path delay after it was sent, however many follow it), as on a real
/// network: the delay is latency, not a cap of one datagram per delay. A stream is read as before (one delay per read,
/// the peer flow-controlled by what the ESP has not read yet).
/// </summary>
public sealed class PathChannel : LinkChannel
{
    private readonly LinkChannel inner;
    private readonly NetworkPath path;
    private readonly EmulatorClock clock;
    private readonly BlockingCollection<(long DueMs, byte[]? Data, IPEndPoint To)> outbound = new();
    private readonly Thread sender;
    private long lastDueMs;

    // Datagrams read from the peer ahead of the ESP, each with the Stopwatch time it reaches the ESP (datagrams only).
    private const int DatagramsInFlight = 64;
    private readonly Queue<(long Due, byte[] Data, IPEndPoint From)> inbound = new();
    private Thread? receiver;
    private Exception? receiveEnded;
    private long lastInboundDue;

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
        if (inner.IsDatagram) return ReceiveDatagram(buffer, count, out from);
        int n = inner.Receive(buffer, count, out from);
        clock.Delay((int)Math.Round(path.DeliveryMs(Math.Max(n, 0), Random.Shared.NextDouble())));
        return n;
    }

    private int ReceiveDatagram(byte[] buffer, int count, out IPEndPoint from)
    {
        (long Due, byte[] Data, IPEndPoint From) next;
        lock (inbound)
        {
            if (receiver is null)
            {
                receiver = new Thread(ReceiveLoop) { IsBackground = true, Name = "network path in" };
                receiver.Start();
            }
            while (inbound.Count == 0)
            {
                if (receiveEnded is not null) throw new ObjectDisposedException(nameof(PathChannel), receiveEnded);
                Monitor.Wait(inbound, 100);
            }
            next = inbound.Dequeue();
            Monitor.PulseAll(inbound);
        }
        long wait = next.Due - System.Diagnostics.Stopwatch.GetTimestamp();
        if (wait > 0) Thread.Sleep(TimeSpan.FromTicks(wait * TimeSpan.TicksPerSecond / System.Diagnostics.Stopwatch.Frequency));
        int n = Math.Min(count, next.Data.Length);
        Array.Copy(next.Data, buffer, n);
        from = next.From;
        return n;
    }

    // Reads the peer's datagrams as they come and stamps when each reaches the ESP; holds at most DatagramsInFlight
    // (beyond, the host socket's buffer holds or drops them, as before).
    private void ReceiveLoop()
    {
        var buffer = new byte[65536];
        try
        {
            while (true)
            {
                lock (inbound) while (inbound.Count >= DatagramsInFlight) Monitor.Wait(inbound, 100);
                int n = inner.Receive(buffer, buffer.Length, out var from);
                double ms = path.DeliveryMs(Math.Max(n, 0), Random.Shared.NextDouble()) * clock.SpeedFactor;
                long due = System.Diagnostics.Stopwatch.GetTimestamp() + (long)(ms * System.Diagnostics.Stopwatch.Frequency / 1000);
                lock (inbound)
                {
                    lastInboundDue = Math.Max(lastInboundDue, due); // in order, as one path delivers them
                    inbound.Enqueue((lastInboundDue, buffer[..Math.Max(n, 0)], from));
                    Monitor.PulseAll(inbound);
                }
            }
        }
        catch (Exception e)
        {
            lock (inbound)
            {
                receiveEnded = e;
                Monitor.PulseAll(inbound);
            }
        }
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
