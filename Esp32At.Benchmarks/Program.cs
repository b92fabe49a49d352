using System.Reflection;
using BenchmarkDotNet.Running;
using Esp32At.Benchmarks;
using Esp32At.Benchmarks.Report;
using Esp32At.Emulator.Profiles;

// dotnet run -c Release --project Esp32At.Benchmarks [-- options]
//   (none)            the line-rate run: tables to stdout, docs/performance-results.md, docs/performance-goodput.png,
//                     and the generated part of docs/performance.md
//   --micro [bdn...]  BenchmarkDotNet micro-benchmarks of the parser and executor (other arguments go to BenchmarkDotNet)
//   --mqtt            offloaded MQTT publish rate (QoS 0/1, 64 B and 1 KiB) at --bauds (default 115200,921600)
//   --smoke           one baud, one profile, small sizes; writes nothing unless --out is given
//   --interp [--bytes N] the CPU cost of the device code on the .NET JIT, Mono's JIT and Mono's IL interpreter
//                     (needs mono on the PATH for the last two); updates its section of docs/performance.md unless --no-docs
//   --bauds a,b       --profiles p,q       --out DIR       --no-docs
//   --latency NAME=ms,...  the emulator's per-command processing times (default Core/CommandLatency.cs: CIPSEND=2)
//   --only a,b        only these scenario groups: tcp, active (receive with Esp32AtOptions.ActiveTcpReceive), passthrough, udp, http, page, https, allocation (use with --out or --no-docs)
//   --passthrough     only the passthrough (CIPMODE=1) receive and send rows, at --bauds, on the first of --profiles; prints its
//                     table and writes nothing (the full run includes these rows)
//   --lwesp BINARY    side by side with lwesp (scripts/conformance-lwesp.sh --bench builds it and passes it here):
//                     TCP receive and UDP send, ours and lwesp's, on one profile (--profiles, first) at --bauds
if (args.Contains("--micro"))
{
    BenchmarkSwitcher.FromAssembly(typeof(RunSettings).Assembly).Run(args.Where(a => a != "--micro").ToArray());
    return 0;
}

if (Option("--latency") is { } latency) Esp32At.Benchmarks.Line.BenchRig.CommandLatency = latency; // e.g. CIPSEND=1

if (args.Contains("--trace"))
{
    // One short traced receive and send at a baud: where does an exchange spend its time?
    using var rig = new Esp32At.Benchmarks.Line.BenchRig(FirmwareProfile.Named(Option("--profiles") ?? "v4.1.1-c3"), int.Parse(Option("--bauds") ?? "921600"));
    rig.Device.Executor.Trace = new Esp32At.Benchmarks.Line.TimedTrace(Console.Out);
    Console.WriteLine(Esp32At.Benchmarks.Scenarios.TcpReceive.Run(rig, 8192, 1024));
    Console.WriteLine(Esp32At.Benchmarks.Scenarios.TcpReceive.Run(rig, 65536, 8192));
    Console.WriteLine(Esp32At.Benchmarks.Scenarios.TcpSend.RunCipSend(rig, 16384));
    Console.WriteLine(Esp32At.Benchmarks.Scenarios.UdpSend.Run(rig, 64, TimeSpan.FromMilliseconds(30)));
    Console.WriteLine(Esp32At.Benchmarks.Scenarios.HttpsGet.Run(rig, 1000, 2));
    return 0;
}

if (args.Contains("--interp"))
{
    long bytes = long.Parse(Option("--bytes") ?? "8388608");
    Console.WriteLine($"Esp32At interpreter cost: {bytes} bytes per transfer, emulator without delays or pacing");
    var clock = System.Diagnostics.Stopwatch.StartNew();
    var rows = Esp32At.Benchmarks.Interp.InterpreterCost.Run(bytes, Console.Out);
    string table = Esp32At.Benchmarks.Interp.InterpreterTable.Render(rows, clock.Elapsed);
    Console.WriteLine();
    Console.WriteLine(table);
    string doc = Path.Combine(Program.RepoRoot(), "docs", "performance.md");
    if (!args.Contains("--no-docs") && File.Exists(doc))
    {
        Esp32At.Benchmarks.Report.ResultDocument.Update(doc, table, Esp32At.Benchmarks.Interp.InterpreterTable.Begin, Esp32At.Benchmarks.Interp.InterpreterTable.End);
        Console.WriteLine($"updated {doc}");
    }
    return 0;
}

if (Option("--lwesp") is { } lwesp)
{
    var profile = FirmwareProfile.Named((Option("--profiles") ?? "v4.1.1-c3").Split(',')[0]);
    var rates = (Option("--bauds") ?? "115200,921600").Split(',').Select(int.Parse).ToArray();
    Console.WriteLine($"Side by side with lwesp ({lwesp}): firmware {profile.Name}, bauds {string.Join(", ", rates)}");
    Console.WriteLine(Esp32At.Benchmarks.SideBySide.SideBySideRunner.Run(lwesp, profile, rates, Console.Out));
    return 0;
}

if (args.Contains("--mqtt"))
{
    // Offloaded MQTT publish rate (docs/performance.md, MQTT section): QoS 0 and 1, 64 B and 1 KiB, per baud.
    var (broker, brokerPort) = Esp32At.Benchmarks.Scenarios.MqttPublish.StartBroker();
    foreach (var baud in (Option("--bauds") ?? "115200,921600").Split(',').Select(int.Parse))
    {
        using var rig = new Esp32At.Benchmarks.Line.BenchRig(FirmwareProfile.Named(Option("--profiles") ?? "v4.1.1-c3"), baud);
        foreach (var size in new[] { 64, 1024 })
            foreach (var qos in new[] { 0, 1 })
                Console.WriteLine(Esp32At.Benchmarks.Scenarios.MqttPublish.Run(rig, brokerPort, size, qos, TimeSpan.FromSeconds(2)));
    }
    broker.Dispose();
    return 0;
}

if (args.Contains("--passthrough"))
{
    var pt = new RunSettings { Only = new HashSet<string> { "passthrough" } };
    if (Option("--bauds") is { } ptBauds) pt = pt with { Bauds = ptBauds.Split(',').Select(int.Parse).ToArray() };
    if (Option("--profiles") is { } ptProfiles) pt = pt with { Profiles = ptProfiles.Split(',').Select(FirmwareProfile.Named).ToArray() };
    Console.WriteLine($"Esp32At passthrough benchmark: bauds {string.Join(", ", pt.Bauds)}; firmware {pt.Profiles[0].Name}; network path {Esp32At.Benchmarks.Line.BenchRig.Path.Describe()}");
    var ptReport = new LineRateRunner(pt, Console.Out).Run();
    Console.WriteLine();
    Console.WriteLine(MarkdownTables.PassthroughTable(ptReport.Passthrough));
    return 0;
}

string? Option(string name)
{
    int i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}

bool smoke = args.Contains("--smoke");
var settings = smoke ? RunSettings.Smoke : new RunSettings();
if (Option("--bauds") is { } bauds) settings = settings with { Bauds = bauds.Split(',').Select(int.Parse).ToArray() };
if (Option("--only") is { } only) settings = settings with { Only = only.Split(',').ToHashSet() };
if (Option("--profiles") is { } profiles) settings = settings with { Profiles = profiles.Split(',').Select(FirmwareProfile.Named).ToArray() };

string docs = Path.Combine(Program.RepoRoot(), "docs");
string? output = Option("--out") ?? (smoke ? null : docs);
bool updateDocs = !smoke && !args.Contains("--no-docs") && Option("--out") == null;
settings = settings with
{
    OutputDirectory = output,
    DocumentToUpdate = updateDocs ? Path.Combine(docs, "performance.md") : null,
};

Console.WriteLine($"Esp32At line-rate benchmark: bauds {string.Join(", ", settings.Bauds)}; firmware {string.Join(", ", settings.Profiles.Select(p => p.Name))}");
var report = new LineRateRunner(settings, Console.Out).Run();
var tables = MarkdownTables.Render(report);
Console.WriteLine();
Console.WriteLine(tables);
ResultFiles.Write(report, tables, settings);
return 0;

/// <summary>The entry point; <see cref="RepoRoot"/> locates the clone the build came from.</summary>
public partial class Program
{
    internal static string RepoRoot() =>
        typeof(RunSettings).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == "RepoRoot")?.Value
        ?? Directory.GetCurrentDirectory();
}
