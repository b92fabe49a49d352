using System.Net;
using Esp32At.Device;
using Esp32At.Emulator.Core;
using Esp32At.Emulator.Profiles;
using Esp32At.Emulator.Radio;
using Esp32At.Engine;
using Esp32At.Hosting;
using Esp32At.Transport;

namespace Esp32At.Demos.Common;

/// <summary>
/// The ESP a demo talks to: a real one on a serial port, or the ESP-AT emulator started in-process with a simulated
/// access point matching <c>--ssid</c>/<c>--password</c> (plus a weaker neighbour, so scans show more than one).
/// </summary>
public sealed class DemoSession : IDisposable
{
    /// <summary>A second network the emulator's scans find.</summary>
    public const string NeighbourSsid = "Neighbour-2.4G";

    private readonly SerialPortTransport? serial;

    private DemoSession(DemoOptions options, IAtTransport transport, EspEmulator? emulator, SerialPortTransport? serial)
    {
        Options = options;
        Transport = transport;
        Emulator = emulator;
        this.serial = serial;
    }

    public DemoOptions Options { get; }

    /// <summary>The AT UART.</summary>
    public IAtTransport Transport { get; }

    /// <summary>The in-process emulator, or null on a serial port.</summary>
    public EspEmulator? Emulator { get; }

    /// <summary>Opens the serial port, or starts the emulator.</summary>
    public static DemoSession Open(DemoOptions options)
    {
        if (options.Port is not null)
        {
            var serial = new SerialPortTransport(options.Port, options.Baud, options.RtsCts, options.Reset);
            return new DemoSession(options, serial, null, serial);
        }
        var emulator = new EspEmulator(new EmulatorOptions
        {
            Profile = FirmwareProfile.Named(options.Profile),
            SpeedFactor = options.Speed,
            BootTimeMs = options.Speed == 0 ? 0 : 800,
            BaudRate = options.Baud,
            AccessPoints =
            [
                new AccessPoint(options.Ssid, options.Password, Rssi: -45, Channel: 6, Ecn: options.Password.Length == 0 ? 0 : 3),
                new AccessPoint(NeighbourSsid, "not-ours-1", Rssi: -78, Channel: 11, Ecn: 4),
            ],
        });
        return new DemoSession(options, new EmulatorTransport(emulator), emulator, null);
    }

    /// <summary>Makes <paramref name="name"/> resolve to <paramref name="address"/> on the emulated ESP (no-op on hardware).</summary>
    public void AddDnsName(string name, IPAddress address) => Emulator?.Links.Dns.Add(name, address);

    /// <summary>
    /// How the library should bring the ESP up: a hard reset only when <paramref name="reset"/> and a reset line was
    /// wired by the user (the emulator's virtual line is not used: the demo shows the ESP found by probing).
    /// </summary>
    public Esp32AtOptions DeviceOptions(bool reset = true) => new()
    {
        HardResetOnInit = reset && Options.Reset != ResetLine.None,
        BaudRate = Options.EffectiveSwitchBaud,
        HardwareFlowControl = Options.RtsCts,
    };

    /// <summary>One line saying what the demo runs against.</summary>
    public string Describe() => Emulator is not null
        ? $"built-in ESP-AT emulator ({Emulator.Profile.Name}, {Options.Baud} baud, speed {Options.Speed}); simulated AP \"{Options.Ssid}\""
        : $"ESP32 on {Options.Port} at {Options.Baud} baud{(Options.RtsCts ? " with RTS/CTS" : "")}{(Options.Reset != ResetLine.None ? $", reset on {Options.Reset}" : "")}";

    /// <summary>Prints AT traffic to <paramref name="output"/> when <c>--trace</c> was given.</summary>
    public void AttachTrace(AtExecutor executor, TextWriter output)
    {
        if (Options.Trace) executor.Trace = new WriterTrace(output);
    }

    public void Dispose()
    {
        serial?.Dispose();
        Emulator?.Dispose();
    }

    private sealed class WriterTrace(TextWriter output) : IAtTraceSink
    {
        public void Trace(string direction, string text)
        {
            lock (output) output.WriteLine($"    {direction} {text}");
        }
    }
}
