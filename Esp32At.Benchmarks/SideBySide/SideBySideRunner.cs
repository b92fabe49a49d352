using System.Globalization;
using System.Text;
using Esp32At.Benchmarks.Line;
using Esp32At.Benchmarks.Peers;
using Esp32At.Benchmarks.Scenarios;
using Esp32At.Emulator.Profiles;

namespace Esp32At.Benchmarks.SideBySide;

/// <summary>
/// Issue 14 part 5: lwesp's TCP receive goodput and UDP datagrams/s next to this library's, on the same emulator
/// options, profile and baud, in one run. Sizes and durations are the line-rate run's (<see cref="RunSettings"/>).
/// </summary>
public static class SideBySideRunner
{
    public static string Run(string lwesp, FirmwareProfile profile, IReadOnlyList<int> bauds, TextWriter log)
    {
        var tcp = new StringBuilder();
        var udp = new StringBuilder();
        tcp.AppendLine("| Baud | Bytes | ours, 8 KiB reads | ours, 1 KiB reads | lwesp (1460-byte CIPRECVDATA) |");
        tcp.AppendLine("|---|---|---|---|---|");
        udp.AppendLine("| Baud | ours, datagrams/s | lwesp, datagrams/s | payload limit (line rate / 64) |");
        udp.AppendLine("|---|---|---|---|");
        foreach (int baud in bauds)
        {
            long size = baud >= 1_500_000 ? 1 << 20 : baud >= 921_600 ? 512 << 10 : 64 << 10;
            ThroughputResult ours8, ours1;
            using (var rig = new BenchRig(profile, baud)) ours8 = TcpReceive.Run(rig, size, 8192);
            using (var rig = new BenchRig(profile, baud)) ours1 = TcpReceive.Run(rig, size, 1024);
            double theirs;
            using (var source = new BulkSource(size))
            {
                var r = LwespRun.Run(lwesp, profile, baud, "bench-tcp", "127.0.0.1", Text(source.Port), Text(size));
                theirs = LineRate.Ratio((long)r["bytes"], r["seconds"], baud);
            }
            log.WriteLine($"  {baud}: TCP receive {size} B: ours {ours8.Ratio:P1} / {ours1.Ratio:P1}, lwesp {theirs:P1}");
            tcp.AppendLine($"| {baud} | {Size.Text(size)} | {ours8.Ratio:P1} | {ours1.Ratio:P1} | {theirs:P1} |");

            UdpResult oursUdp;
            using (var rig = new BenchRig(profile, baud)) oursUdp = UdpSend.Run(rig, 64, TimeSpan.FromSeconds(2));
            double theirsUdp;
            using (var sink = new UdpSink())
            {
                var r = LwespRun.Run(lwesp, profile, baud, "bench-udp", "127.0.0.1", Text(sink.Port), "2");
                theirsUdp = r["per_second"];
                // Counted by lwesp as sends answered SEND OK; the sink's count says they all reached the peer.
                if (!sink.WaitFor((long)r["datagrams"], TimeSpan.FromSeconds(2)))
                    throw new InvalidOperationException($"lwesp reported {r["datagrams"]} datagrams, the sink got {sink.Datagrams}");
            }
            log.WriteLine($"  {baud}: UDP 64 B: ours {oursUdp.PerSecond:F0}/s, lwesp {theirsUdp:F0}/s");
            udp.AppendLine($"| {baud} | {oursUdp.PerSecond:F0} | {theirsUdp:F0} | {LineRate.BytesPerSecond(baud) / 64:F0} |");
        }
        return $"TCP receive goodput / line rate (firmware {profile.Name}):\n\n{tcp}\nUDP, 64-byte datagrams sent for 2 s (firmware {profile.Name}):\n\n{udp}";
    }

    private static string Text(long n) => n.ToString(CultureInfo.InvariantCulture);
}
