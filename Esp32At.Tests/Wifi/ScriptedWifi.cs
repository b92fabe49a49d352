using System.Collections.Concurrent;
using Esp32At.Device;
using Esp32At.Tests.Engine;
using Esp32At.Wifi;

namespace Esp32At.Tests.Wifi;

/// <summary>
/// A <see cref="WifiService"/> over a scripted ESP: the device initialises against canned answers, then every command
/// line the host sends is recorded in <see cref="Commands"/> and answered from <see cref="Replies"/> (exact command
/// text without CR LF), else with <see cref="Fallback"/>, else with a plain OK.
/// </summary>
public sealed class ScriptedWifi : IDisposable
{
    public const string Ok = "\r\nOK\r\n";
    public const string Error = "\r\nERROR\r\n";
    private volatile bool recording;

    public ScriptedWifi(string version = "4.1.1.0", string chip = "ESP32C3", bool ipv6 = false)
    {
        Esp = new ScriptedEsp { Responder = Respond };
        Gmr = $"AT version:{version}(1234567 - {chip} - Jul 31 2025 10:00:00)\r\nSDK version:v5.4.2\r\ncompile time(abc):Jul 31 2025\r\nBin version:v{version}(MINI-1)\r\n" + Ok;
        Device = new Esp32AtDevice(Esp, new Esp32AtOptions { HardResetOnInit = false, Ipv6 = ipv6 });
        Device.Initialize();
        Wifi = new WifiService(Device);
        Trace = new TraceLog();
        Device.Executor.Trace = Trace;
        recording = true;
    }

    public ScriptedEsp Esp { get; }
    public Esp32AtDevice Device { get; }
    public WifiService Wifi { get; }
    public TraceLog Trace { get; }
    public string Gmr { get; }

    /// <summary>Command lines sent after initialisation, without CR LF.</summary>
    public ConcurrentQueue<string> Commands { get; } = new();

    /// <summary>Exact command line (no CR LF) → the ESP's complete answer.</summary>
    public ConcurrentDictionary<string, string> Replies { get; } = new();

    /// <summary>Called for commands without a canned reply; null → OK.</summary>
    public Func<string, string?> Fallback { get; set; } = _ => null;

    /// <summary>Starts a new recording.</summary>
    public void ClearCommands() => Commands.Clear();

    public string[] Sent => Commands.ToArray();

    private string? Respond(string written)
    {
        var line = written.TrimEnd('\r', '\n');
        if (recording) Commands.Enqueue(line);
        if (Replies.TryGetValue(line, out var reply)) return reply;
        if (!recording || line.StartsWith("ATE") || line == "AT")
        {
            if (line == "AT+GMR") return Gmr;
            if (line == "AT+CMD?") return Error; // capabilities from the version
            return Ok;
        }
        if (line == "AT+GMR") return Gmr;
        return Fallback(line) ?? Ok;
    }

    public void Dispose() => Device.Dispose();

    public sealed class TraceLog : Esp32At.Engine.IAtTraceSink
    {
        private readonly System.Text.StringBuilder sb = new();
        public void Trace(string direction, string text) { lock (sb) sb.Append(direction).Append(' ').AppendLine(text); }
        public override string ToString() { lock (sb) return sb.ToString(); }
    }
}
