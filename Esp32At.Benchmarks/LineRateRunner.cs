using System.Diagnostics;
using Esp32At.Benchmarks.Line;
using Esp32At.Benchmarks.Scenarios;
using Esp32At.Emulator.Profiles;

namespace Esp32At.Benchmarks;

/// <summary>
/// Runs every scenario for each firmware profile and baud rate, each on a fresh <see cref="BenchRig"/> (so the ring's
/// high-water mark is per scenario), and collects the results.
/// </summary>
public sealed class LineRateRunner(RunSettings settings, TextWriter? log = null)
{
    public RunReport Run()
    {
        var report = new RunReport
        {
            Machine = $"{Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}",
            Network = Line.BenchRig.Path.Describe(),
        };
        var clock = Stopwatch.StartNew();
        foreach (var profile in settings.Profiles)
        {
            foreach (int baud in settings.Bauds)
            {
                long bulk = settings.BulkBytes(baud);
                if (settings.Runs("tcp"))
                {
                    foreach (int read in settings.ReadSizes)
                        report.Throughput.Add(Step(profile, baud, $"receive {Size.Text(read)}", rig => TcpReceive.Run(rig, bulk, read)));
                    report.Throughput.Add(Step(profile, baud, "send CIPSEND", rig => TcpSend.RunCipSend(rig, bulk)));
                    var sendL = Step(profile, baud, "send CIPSENDL", rig => TcpSend.RunCipSendL(rig, bulk));
                    if (sendL != null) report.Throughput.Add(sendL);
                }
                if (settings.Runs("active"))
                {
                    // Opt-in active receive (RTS/CTS): the same transfers as the passive rows above.
                    foreach (int read in settings.ReadSizes)
                        report.Throughput.Add(Step(profile, baud, $"receive active {Size.Text(read)}", rig => TcpReceive.Run(rig, bulk, read, true), active: true));
                }
                if (settings.Runs("passthrough") && profile == settings.Profiles[0])
                {
                    // UART-Wi-Fi passthrough, on the first (newest) profile only: the same bulk sizes as the TCP rows.
                    report.Passthrough.Add(Step(profile, baud, "passthrough receive", rig => PassthroughTransfer.RunReceive(rig, bulk, settings.ReadSizes[^1])));
                    report.Passthrough.Add(Step(profile, baud, "passthrough send", rig => PassthroughTransfer.RunSend(rig, bulk)));
                }
                if (settings.Runs("udp"))
                {
                    report.Udp.Add(Step(profile, baud, "udp", rig => UdpSend.Run(rig, settings.UdpSize, settings.UdpDuration)));
                    report.UdpReceive.Add(Step(profile, baud, "udp receive", rig => UdpReceive.Run(rig, settings.UdpSize, settings.UdpDuration)));
                }
                if (settings.Runs("http")) report.Http.Add(Step(profile, baud, "http", rig => HttpGet.Run(rig, settings.HttpBody, settings.HttpRequests)));
                if (settings.SeedPage && settings.Runs("page"))
                {
                    report.Pages.Add(Step(profile, baud, "page sequential", rig => SeedPage.Run(rig, parallel: false)));
                    report.Pages.Add(Step(profile, baud, "page parallel", rig => SeedPage.Run(rig, parallel: true)));
                }
                if (settings.Runs("https")) report.Https.Add(Step(profile, baud, "https", rig => HttpsGet.Run(rig, settings.HttpBody, settings.HttpsRequests)));
                if (settings.Runs("allocation")) report.Allocations.Add(Step(profile, baud, "allocation", rig => Allocation.Run(rig, settings.AllocationOperations)));
            }
        }
        report.Elapsed = clock.Elapsed;
        return report;
    }

    private T Step<T>(FirmwareProfile profile, int baud, string name, Func<BenchRig, T> scenario, bool active = false)
    {
        var clock = Stopwatch.StartNew();
        using var rig = new BenchRig(profile, baud, settings.SslHandshakeMs, active);
        var result = scenario(rig);
        log?.WriteLine($"{profile.Name,-10} {baud,9} {name,-18} {clock.Elapsed.TotalSeconds,6:F1} s  {result}");
        return result;
    }
}
