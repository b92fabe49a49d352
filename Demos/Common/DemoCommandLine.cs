using System.CommandLine;
using System.CommandLine.Parsing;
using Esp32At.Hosting;

namespace Esp32At.Demos.Common;

/// <summary>
/// The options every host demo takes (System.CommandLine): <c>--port /dev/ttyUSB0 --baud 115200 [--rtscts]
/// [--reset dtr|rts] --ssid X --password Y</c>; without <c>--port</c> the built-in emulator runs in-process.
/// </summary>
public sealed class DemoCommandLine
{
    public Option<string> Port { get; } = new("--port") { HelpName = "device", Description = "Serial port of the ESP's AT UART (e.g. /dev/ttyUSB0, COM3). Without it the built-in ESP-AT emulator runs in-process." };
    public Option<int> Baud { get; } = new("--baud") { HelpName = "rate", Description = "The ESP's current UART baud rate.", DefaultValueFactory = _ => 115200 };
    public Option<int?> SwitchBaud { get; } = new("--switch-baud") { HelpName = "rate", Description = "Switch the UART to this rate after start-up (AT+UART_CUR); 0 = stay. Default 921600 on the emulator, 0 on a serial port." };
    public Option<bool> RtsCts { get; } = new("--rtscts") { Description = "Use RTS/CTS hardware flow control (recommended above 115200 baud)." };
    public Option<ResetLine> Reset { get; } = new("--reset") { HelpName = "none|rts|dtr", Description = "The adapter output wired to the ESP's EN pin (hard reset at start-up).", DefaultValueFactory = _ => ResetLine.None };
    public Option<string> Ssid { get; } = new("--ssid") { Description = "Wi-Fi network to join (the emulator simulates it).", DefaultValueFactory = _ => new DemoOptions().Ssid };
    public Option<string> Password { get; } = new("--password") { Description = "Its password.", DefaultValueFactory = _ => new DemoOptions().Password };
    public Option<double> Speed { get; } = new("--speed") { HelpName = "factor", Description = "Emulator only: scale of firmware delays and UART pacing (1 = realistic, 0 = instant).", DefaultValueFactory = _ => 1.0 };
    public Option<string> Profile { get; } = new("--profile") { HelpName = "name", Description = "Emulator only: firmware profile (v2.2.0-c3, v3.3.0-c3, v4.0.0-c6, v4.1.1-c3, v4.1.1-c6).", DefaultValueFactory = _ => "v4.1.1-c3" };
    public Option<bool> Trace { get; } = new("--trace") { Description = "Print every AT exchange (secrets redacted)." };

    /// <summary>A root command with the shared options plus <paramref name="extra"/>.</summary>
    public RootCommand Create(string description, params Option[] extra)
    {
        var root = new RootCommand(description) { Port, Baud, SwitchBaud, RtsCts, Reset, Ssid, Password, Speed, Profile, Trace };
        foreach (var option in extra) root.Options.Add(option);
        return root;
    }

    /// <summary>The shared options as given.</summary>
    public DemoOptions Read(ParseResult result) => new()
    {
        Port = result.GetValue(Port),
        Baud = result.GetValue(Baud),
        SwitchBaud = result.GetValue(SwitchBaud),
        RtsCts = result.GetValue(RtsCts),
        Reset = result.GetValue(Reset),
        Ssid = result.GetValue(Ssid)!,
        Password = result.GetValue(Password)!,
        Speed = result.GetValue(Speed),
        Profile = result.GetValue(Profile)!,
        Trace = result.GetValue(Trace),
    };
}
