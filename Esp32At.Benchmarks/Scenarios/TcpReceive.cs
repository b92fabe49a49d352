using System.Diagnostics;
using Esp32At.Benchmarks.Line;
using Esp32At.Benchmarks.Peers;

namespace Esp32At.Benchmarks.Scenarios;

/// <summary>
/// TCP receive goodput: a loopback peer sends <c>size</c> bytes and closes; the library reads them with
/// <see cref="Links.ConnectionTable.Receive"/> in reads of <c>readSize</c>. Timed from CIPSTART's answer to the last byte
/// (passive receive: nothing crosses the UART before the first read).
/// </summary>
public static class TcpReceive
{
    /// <summary><paramref name="active"/>: the rig receives actively (+IPD frames into the link's buffer, no round trip per read).</summary>
    public static ThroughputResult Run(BenchRig rig, long size, int readSize, bool active = false)
    {
        using var source = new BulkSource(size);
        int link = rig.Links.OpenTcp("127.0.0.1", source.Port);
        var buffer = new byte[readSize];
        var before = rig.Wire.Snapshot();
        var clock = Stopwatch.StartNew();
        var meter = AllocationMeter.Start();
        long got = 0, reads = 0;
        while (got < size)
        {
            int n = rig.Links.Receive(link, buffer, 0, buffer.Length, 15000);
            reads++;
            if (n == 0) break;
            got += n;
        }
        double allocated = meter.PerOperation(reads);
        double seconds = clock.Elapsed.TotalSeconds;
        var wire = rig.Wire.Snapshot() - before;
        rig.Links.Close(link);
        if (got != size) throw new InvalidOperationException($"received {got} of {size} bytes");
        return new ThroughputResult(rig.Profile.Name, rig.Baud, $"receive{(active ? " active" : "")}, {Size.Text(readSize)} reads", size, seconds,
            LineRate.Ratio(size, seconds, rig.Baud), wire.Writes, wire.BytesOut, wire.BytesIn, rig.RingHighWater, allocated);
    }
}
