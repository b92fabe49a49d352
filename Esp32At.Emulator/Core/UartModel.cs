using Esp32At.Emulator.Transports;

namespace Esp32At.Emulator.Core;

/// <summary>
/// The ESP's AT UART as spec §1.1 gives it (C3/C6): 8N1 framing, driver buffers, flow-control bits; and how an
/// emulator's options set up its <see cref="InProcessPort"/>.
/// </summary>
public static class UartModel
{
    /// <summary>Bits on the wire per byte at 8N1 (start + 8 data + stop).</summary>
    public const int BitsPerByte = 10;

    /// <summary>UART driver RX buffer (bytes the firmware has not read yet); beyond it, bytes are lost or RTS holds the host.</summary>
    public const int ReceiveBufferSize = 2048;

    /// <summary>UART driver TX buffer: the firmware's writes block once this much is waiting for the wire.</summary>
    public const int TransmitBufferSize = 8192;

    /// <summary><c>AT+UART</c> flow-control bit: the ESP drives RTS (throttles the host). Default on (flow 1).</summary>
    public const int FlowRts = 1;

    /// <summary><c>AT+UART</c> flow-control bit: the ESP watches CTS (the host can throttle the ESP).</summary>
    public const int FlowCts = 2;

    /// <summary>Applies the emulator's UART options: pacing clock, boot baud rate (host starts at the same rate), byte log.</summary>
    internal static void Attach(EspEmulator emulator)
    {
        var port = emulator.Port;
        port.Clock = emulator.Options.UartPacing ? emulator.Clock : null;
        port.EmulatorFlow = emulator.State.UartFlow;
        port.Log = emulator.Options.UartLog;
        emulator.State.UartBootBaud = emulator.Options.BaudRate;
        port.HostBaud = emulator.Options.BaudRate;
        port.EmulatorBaud = emulator.Options.BaudRate; // before boot, so a bridge made now starts at the right rate
    }
}
