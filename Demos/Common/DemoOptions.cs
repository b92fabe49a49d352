using Esp32At.Hosting;

namespace Esp32At.Demos.Common;

/// <summary>What a host demo was asked to run against: a serial port with a real ESP32, or the built-in emulator.</summary>
public sealed record DemoOptions
{
    /// <summary>The serial port of the ESP's AT UART (e.g. <c>/dev/ttyUSB0</c>); null = the built-in emulator.</summary>
    public string? Port { get; init; }

    /// <summary>The ESP's UART rate now (ESP-AT boots at 115200).</summary>
    public int Baud { get; init; } = 115200;

    /// <summary>Switch to this rate after start-up (AT+UART_CUR); 0 = stay. Default: 921600 on the emulator, 0 on a port.</summary>
    public int? SwitchBaud { get; init; }

    /// <summary>RTS/CTS flow control.</summary>
    public bool RtsCts { get; init; }

    /// <summary>The adapter line wired to the ESP's EN pin.</summary>
    public ResetLine Reset { get; init; } = ResetLine.None;

    /// <summary>The access point to join (the emulator simulates one with these credentials).</summary>
    public string Ssid { get; init; } = "Esp32AtDemo";

    /// <summary>Its password.</summary>
    public string Password { get; init; } = "demo-pass-123";

    /// <summary>Emulator only: scale of its firmware delays and UART pacing (1 = realistic, 0 = instant).</summary>
    public double Speed { get; init; } = 1.0;

    /// <summary>Emulator only: the firmware profile.</summary>
    public string Profile { get; init; } = "v4.1.1-c3";

    /// <summary>Print every AT exchange.</summary>
    public bool Trace { get; init; }

    /// <summary>True when no serial port was named.</summary>
    public bool UsesEmulator => Port is null;

    /// <summary>The baud rate to switch to after start-up, 0 for none.</summary>
    public int EffectiveSwitchBaud => SwitchBaud ?? (UsesEmulator ? 921600 : 0);
}
