using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Esp32At.Emulator.Core;
using Esp32At.Emulator.Profiles;
using Esp32At.Emulator.Transports;

namespace Esp32At.Benchmarks.SideBySide;

/// <summary>
/// One run of lwesp (MaJerle/lwesp, built by <c>scripts/conformance-lwesp.sh</c>; its driver is
/// <c>scripts/conformance-lwesp/main.c</c>) against a fresh emulator behind a pseudo-terminal: the same emulator
/// options as <see cref="Line.BenchRig"/> (speed 1, UART pacing, the command-latency model), starting at 115200 like
/// it; the driver switches to the baud under test with lwesp's own <c>AT+UART_CUR</c> (without flow control: lwesp
/// sends <c>,8,1,0,0</c>), where ours asks for RTS/CTS above 115200.
/// </summary>
public static class LwespRun
{
    /// <summary>Runs <c>lwesp-conformance &lt;arguments&gt;</c> and returns the numbers of its verdict line.</summary>
    public static IReadOnlyDictionary<string, double> Run(string binary, FirmwareProfile profile, int baud, params string[] arguments)
    {
        using var emulator = new EspEmulator(new EmulatorOptions
        {
            Profile = profile,
            SpeedFactor = 1,
            UartPacing = true,
            BootTimeMs = 20,
            JoinTimeMs = 20,
            HostPortsSameIfFree = false,
            // lwesp's station-join snippet joins only the SSIDs on its own list (snippets/station_manager.c).
            AccessPoints = [new("Majerle WIFI", "majerle_internet_private")],
        });
        using var pty = new PtyBridge(emulator.Port);
        var start = new ProcessStartInfo(binary) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in arguments) start.ArgumentList.Add(a);
        start.Environment["LWESP_UART"] = pty.SlavePath;
        start.Environment["LWESP_BAUD"] = baud.ToString(CultureInfo.InvariantCulture);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("cannot start " + binary);
        process.ErrorDataReceived += (_, _) => { }; // lwesp's port logs every line it reads on stderr
        process.BeginErrorReadLine();
        string output = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(120_000)) process.Kill();
        var verdict = Regex.Match(output, @"^CONFORMANCE (bench-\w+) PASS (.*)$", RegexOptions.Multiline);
        if (!verdict.Success) throw new InvalidOperationException($"lwesp {string.Join(' ', arguments)} failed:\n{output}");
        // "bytes 65536 seconds 5.912 goodput_Bps 11085": name/value pairs.
        var words = verdict.Groups[2].Value.Trim().Split(' ');
        var numbers = new Dictionary<string, double>();
        for (int i = 0; i + 1 < words.Length; i += 2) numbers[words[i]] = double.Parse(words[i + 1], CultureInfo.InvariantCulture);
        return numbers;
    }
}
