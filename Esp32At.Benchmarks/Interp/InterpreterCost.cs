using System.Diagnostics;
using System.Globalization;
using System.Net;
using Esp32At.Benchmarks.Peers;
using Esp32At.Emulator.Core;
using Esp32At.Emulator.Profiles;
using Esp32At.Emulator.Transports;

namespace Esp32At.Benchmarks.Interp;

/// <summary>
/// The CPU the device code costs per KiB moved and per AT exchange, on the host's JIT and on Mono's IL interpreter
/// (the nearest thing on a PC to TinyCLR, which interprets IL). Runs the Esp32At.Benchmarks.Interp driver (the device
/// sources compiled for .NET 10 and .NET Framework 4.8) once per runtime against a fresh emulator on its raw TCP port,
/// with the firmware delays and UART pacing off, so the driver's process is CPU-bound and its CPU time is the library's.
/// Installs nothing: without <c>mono</c> on the PATH it says what to install and runs the .NET row alone.
/// </summary>
public static class InterpreterCost
{
    private const string Ssid = "Home";
    private const string Password = "secret-pass";

    public static IReadOnlyList<CpuCostResult> Run(long size, TextWriter log)
    {
        var runtimes = new List<(string Name, string File, string Arguments, string Driver)>
        {
            (".NET 10 JIT", "dotnet", "", DriverPath("net10.0", "Esp32At.Benchmarks.Interp.dll")),
        };
        string? mono = FindOnPath("mono");
        if (mono is null)
            log.WriteLine("mono is not on the PATH: the interpreter rows need it (Debian: apt-get install mono-runtime). Running the .NET row only.");
        else
        {
            string exe = DriverPath("net48", "Esp32At.Benchmarks.Interp.exe");
            runtimes.Add(("Mono JIT", mono, "", exe));
            runtimes.Add(("Mono interpreter", mono, "--interpreter", exe));
        }
        var results = new List<CpuCostResult>();
        foreach (var runtime in runtimes)
        {
            log.WriteLine($"  {runtime.Name} ...");
            results.AddRange(RunOne(runtime.Name, runtime.File, runtime.Arguments, runtime.Driver, size, log));
        }
        return results;
    }

    private static IEnumerable<CpuCostResult> RunOne(string runtime, string file, string runtimeArguments, string driver, long size, TextWriter log)
    {
        using var emulator = new EspEmulator(new EmulatorOptions
        {
            Profile = FirmwareProfile.V4_1_1_C3,
            SpeedFactor = 0,
            UartPacing = false,
            BootTimeMs = 0,
            JoinTimeMs = 0,
            HostPortsSameIfFree = false,
            AccessPoints = [new(Ssid, Password)],
        });
        using var bridge = new TcpPortBridge(emulator.Port, new IPEndPoint(IPAddress.Loopback, 0));
        using var source = new BulkSource(size);
        using var sink = new BulkSink();
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (runtimeArguments.Length > 0) start.ArgumentList.Add(runtimeArguments);
        foreach (var a in new[] { driver, bridge.EndPoint.ToString(), source.Port.ToString(CultureInfo.InvariantCulture),
                     sink.Port.ToString(CultureInfo.InvariantCulture), size.ToString(CultureInfo.InvariantCulture), Ssid, Password })
            start.ArgumentList.Add(a);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start " + file);
        var errors = process.StandardError.ReadToEndAsync();
        var rows = new List<CpuCostResult>();
        string? line;
        while ((line = process.StandardOutput.ReadLine()) is not null)
        {
            if (!line.StartsWith("row|", StringComparison.Ordinal)) continue;
            var f = line.Split('|');
            rows.Add(new CpuCostResult(runtime, f[1], long.Parse(f[2], CultureInfo.InvariantCulture), int.Parse(f[3], CultureInfo.InvariantCulture),
                double.Parse(f[4], CultureInfo.InvariantCulture), double.Parse(f[5], CultureInfo.InvariantCulture), long.Parse(f[6], CultureInfo.InvariantCulture),
                double.Parse(f[7], CultureInfo.InvariantCulture)));
        }
        if (!process.WaitForExit(600_000)) { process.Kill(); throw new InvalidOperationException($"{runtime}: the driver did not finish"); }
        if (process.ExitCode != 0) throw new InvalidOperationException($"{runtime}: the driver failed ({process.ExitCode}): {errors.Result}");
        return rows;
    }

    /// <summary>The driver's build output, next to this benchmark's in the artifacts folder (same configuration).</summary>
    private static string DriverPath(string framework, string file)
    {
        // .../artifacts/bin/Esp32At.Benchmarks/release/ -> .../artifacts/bin/Esp32At.Benchmarks.Interp/release_<tfm>/
        var here = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        string configuration = here.Name.Split('_')[0];
        string path = Path.Combine(here.Parent!.Parent!.FullName, "Esp32At.Benchmarks.Interp", configuration + "_" + framework, file);
        if (!File.Exists(path)) throw new FileNotFoundException("build the driver first: dotnet build Esp32At.Benchmarks.Interp -c Release", path);
        return path;
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(dir => Path.Combine(dir, name)).FirstOrDefault(File.Exists);
}

/// <summary>
/// One case on one runtime: payload moved, operations (reads, writes or exchanges), CPU (user + kernel) and wall time,
/// host writes, and the user part of the CPU (the kernel part is the socket calls that stand in for the UART driver).
/// </summary>
public sealed record CpuCostResult(string Runtime, string Case, long Bytes, int Operations, double CpuSeconds, double WallSeconds, long HostWrites, double UserSeconds)
{
    /// <summary>CPU µs per KiB of payload; NaN for the exchange case.</summary>
    public double CpuMicrosPerKiB => Bytes == 0 ? double.NaN : CpuSeconds * 1e6 / (Bytes / 1024.0);

    /// <summary>User-mode CPU µs per KiB (the runtime running the code, without the socket system calls).</summary>
    public double UserMicrosPerKiB => Bytes == 0 ? double.NaN : UserSeconds * 1e6 / (Bytes / 1024.0);

    /// <summary>CPU µs per operation (a read, a write or an AT exchange).</summary>
    public double CpuMicrosPerOperation => CpuSeconds * 1e6 / Operations;

    /// <summary>The baud rate whose line this runtime could keep full on one core (10 bits a byte), from payload over CPU.</summary>
    public double SustainableBaud => Bytes == 0 ? double.NaN : Bytes * 10 / CpuSeconds;
}
