using System.Diagnostics;
using Esp32At.Benchmarks.Line;
using Esp32At.Benchmarks.Peers;
using Esp32At.Links;

namespace Esp32At.Benchmarks.Scenarios;

/// <summary>
/// TCP goodput through <see cref="PassthroughLink"/> (UART-Wi-Fi passthrough: <c>AT+CIPMODE=1</c> + <c>AT+CIPSEND</c>,
/// then raw bytes with no <c>+IPD</c> or CIPSEND framing). Receive: the peer starts its bulk on a one-byte trigger the
/// link writes; timed from the trigger to the last byte read. Send: timed from the first write to the last byte at the
/// peer (the firmware forwards 2920-byte packets, or what it has after TRANSINTVL). Entering and leaving passthrough
/// (<c>+++</c>) are outside the timed part; the allocation column is per <see cref="PassthroughLink.Read"/> or
/// <see cref="PassthroughLink.Write"/>.
/// </summary>
public static class PassthroughTransfer
{
    private const int AppWrite = 8192;

    public static ThroughputResult RunReceive(BenchRig rig, long size, int readSize)
    {
        using var source = new BulkSource(size, awaitTrigger: true);
        using var link = Open(rig, source.Port);
        var buffer = new byte[readSize];
        var before = rig.Wire.Snapshot();
        var clock = Stopwatch.StartNew();
        link.Write(buffer, 0, 1); // the trigger
        var meter = AllocationMeter.Start();
        long got = 0, reads = 0;
        while (got < size)
        {
            int n = link.Read(buffer, 0, buffer.Length, 15000);
            reads++;
            if (n == 0) break;
            got += n;
        }
        double allocated = meter.PerOperation(reads);
        double seconds = clock.Elapsed.TotalSeconds;
        var wire = rig.Wire.Snapshot() - before;
        if (got != size) throw new InvalidOperationException($"received {got} of {size} bytes in passthrough");
        return Result(rig, $"passthrough receive, {Size.Text(readSize)} reads", size, seconds, wire, allocated);
    }

    public static ThroughputResult RunSend(BenchRig rig, long size)
    {
        using var sink = new BulkSink();
        using var link = Open(rig, sink.Port);
        var block = Pattern.Block(AppWrite);
        var before = rig.Wire.Snapshot();
        var clock = Stopwatch.StartNew();
        var meter = AllocationMeter.Start();
        long writes = 0;
        for (long left = size; left > 0; left -= AppWrite, writes++)
            link.Write(block, 0, (int)Math.Min(AppWrite, left));
        double allocated = meter.PerOperation(writes);
        if (!sink.WaitFor(size, TimeSpan.FromSeconds(30))) throw new InvalidOperationException($"the peer got {sink.Received} of {size} bytes in passthrough");
        double seconds = clock.Elapsed.TotalSeconds;
        var wire = rig.Wire.Snapshot() - before;
        return Result(rig, "passthrough send", size, seconds, wire, allocated);
    }

    private static PassthroughLink Open(BenchRig rig, int port)
    {
        var link = PassthroughLink.Open(rig.Device, LinkKind.Tcp, "127.0.0.1", port, 10000);
        link.SettleMs = 0; // the emulator takes a command right after "+++"; leaving is not timed anyway
        return link;
    }

    private static ThroughputResult Result(BenchRig rig, string name, long size, double seconds, WireCount wire, double allocated) =>
        new(rig.Profile.Name, rig.Baud, name, size, seconds, LineRate.Ratio(size, seconds, rig.Baud),
            wire.Writes, wire.BytesOut, wire.BytesIn, rig.RingHighWater, allocated);
}
