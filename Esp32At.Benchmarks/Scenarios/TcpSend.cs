using System.Diagnostics;
using Esp32At.Benchmarks.Line;
using Esp32At.Benchmarks.Peers;
using Esp32At.Engine;

namespace Esp32At.Benchmarks.Scenarios;

/// <summary>
/// TCP send goodput to a loopback peer, timed from the first command to the last byte at the peer: with the library's
/// <see cref="Links.ConnectionTable.Send"/> (CIPSEND in chunks of the firmware's maximum), or one <c>AT+CIPSENDL</c>
/// streaming the whole transfer through the executor (the library does not use CIPSENDL yet).
/// </summary>
public static class TcpSend
{
    private const int AppWrite = 8192;

    public static ThroughputResult RunCipSend(BenchRig rig, long size)
    {
        using var sink = new BulkSink();
        int link = rig.Links.OpenTcp("127.0.0.1", sink.Port);
        var block = Pattern.Block(AppWrite);
        var before = rig.Wire.Snapshot();
        var clock = Stopwatch.StartNew();
        var meter = AllocationMeter.Start();
        long sends = 0;
        for (long left = size; left > 0; left -= AppWrite, sends++)
            rig.Links.Send(link, block, 0, (int)Math.Min(AppWrite, left));
        double allocated = meter.PerOperation(sends);
        if (!sink.WaitFor(size, TimeSpan.FromSeconds(30))) throw new InvalidOperationException($"the peer got {sink.Received} of {size} bytes");
        double seconds = clock.Elapsed.TotalSeconds;
        var wire = rig.Wire.Snapshot() - before;
        rig.Links.Close(link);
        return Result(rig, "send, CIPSEND", size, seconds, wire, allocated);
    }

    /// <summary>Null when the firmware has no CIPSENDL (v2.2).</summary>
    public static ThroughputResult? RunCipSendL(BenchRig rig, long size)
    {
        if (!rig.Profile.HasCipSendL) return null;
        using var sink = new BulkSink();
        int link = rig.Links.OpenTcp("127.0.0.1", sink.Port);
        var payload = Pattern.Block((int)size);
        var command = new AtCommandBuffer(64).Append("AT+CIPSENDL=").Append(link).Append(",").Append((int)size).AppendLineEnd();
        int timeoutMs = (int)(LineRate.Seconds(size, rig.Baud) * 4000) + 10000;
        var before = rig.Wire.Snapshot();
        var clock = Stopwatch.StartNew();
        var meter = AllocationMeter.Start();
        var code = rig.Device.Executor.Send(command, payload, 0, payload.Length, timeoutMs);
        double allocated = meter.PerOperation(1);
        if (code != AtResultCode.SendOk) throw new InvalidOperationException("CIPSENDL ended with " + code);
        if (!sink.WaitFor(size, TimeSpan.FromSeconds(30))) throw new InvalidOperationException($"the peer got {sink.Received} of {size} bytes");
        double seconds = clock.Elapsed.TotalSeconds;
        var wire = rig.Wire.Snapshot() - before;
        rig.Links.Close(link);
        return Result(rig, "send, CIPSENDL", size, seconds, wire, allocated);
    }

    private static ThroughputResult Result(BenchRig rig, string name, long size, double seconds, WireCount wire, double allocated) =>
        new(rig.Profile.Name, rig.Baud, name, size, seconds, LineRate.Ratio(size, seconds, rig.Baud),
            wire.Writes, wire.BytesOut, wire.BytesIn, rig.RingHighWater, allocated);
}
