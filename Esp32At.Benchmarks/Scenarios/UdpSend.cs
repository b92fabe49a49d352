using System.Diagnostics;
using Esp32At.Benchmarks.Line;
using Esp32At.Benchmarks.Peers;

namespace Esp32At.Benchmarks.Scenarios;

/// <summary>
/// Small UDP datagrams sent as fast as the library can (one <c>AT+CIPSEND</c> exchange each) for a fixed time.
/// Two limits: the payload limit (line rate / size: the UART carrying nothing but payload) and the protocol limit
/// (line rate / the bytes one CIPSEND exchange must put on the wire in both directions, which the protocol serialises:
/// command, prompt, payload, <c>Recv</c>/<c>SEND OK</c>), so the gap to the second is latency and turnaround.
/// </summary>
public static class UdpSend
{
    public static UdpResult Run(BenchRig rig, int size, TimeSpan duration)
    {
        using var sink = new UdpSink();
        int link = rig.Links.OpenUdp("127.0.0.1", sink.Port);
        var payload = Pattern.Block(size);
        for (int i = 0; i < 5; i++) rig.Links.Send(link, payload, 0, size); // warm-up
        var lateBefore = rig.Emulator.Latency.Lateness;
        var before = rig.Wire.Snapshot();
        var clock = Stopwatch.StartNew();
        var meter = AllocationMeter.Start();
        long sent = 0;
        while (clock.Elapsed < duration)
        {
            rig.Links.Send(link, payload, 0, size);
            sent++;
        }
        double seconds = clock.Elapsed.TotalSeconds;
        double allocated = meter.PerOperation(sent);
        var wire = rig.Wire.Snapshot() - before;
        // Benchmark-side check of the latency model: how late the emulator's command threads reached the due times
        // (the answer is held until then, so this is what the model's 2 ms overshot by; near 0 when the machine is idle).
        var late = rig.Emulator.Latency.Lateness;
        double lateUs = late.Commands > lateBefore.Commands
            ? (late.MeanLateUs * late.Commands - lateBefore.MeanLateUs * lateBefore.Commands) / (late.Commands - lateBefore.Commands) : 0;
        sink.WaitFor(sent + 5, TimeSpan.FromSeconds(2)); // loopback UDP: all should arrive; not part of the timing
        rig.Links.Close(link);
        double bytesOut = (double)wire.BytesOut / sent;
        double bytesIn = (double)wire.BytesIn / sent;
        double lineRate = LineRate.BytesPerSecond(rig.Baud);
        return new UdpResult(rig.Profile.Name, rig.Baud, size, sent, sent / seconds, lineRate / size,
            lineRate / (bytesOut + bytesIn), bytesOut, bytesIn, rig.RingHighWater, allocated, lateUs, rig.Emulator.Latency.For("CIPSEND"));
    }
}
