using Esp32At.Emulator.Core;
using Esp32At.Transport;

namespace Esp32At.Hosting;

/// <summary>
/// The library's transport over an in-process emulator: what the driver writes reaches the emulated ESP's UART.
/// Changing the host baud without the ESP having switched garbles the line, as on a real wire; the reset line reboots it.
/// Bytes the modelled host UART buffer overran are reported as receive errors, as a real UART driver reports an overrun.
/// </summary>
public sealed class EmulatorTransport(EspEmulator emulator) : IAtTransport, IAtReceiveErrors
{
    public EspEmulator Emulator { get; } = emulator;

    public int BytesAvailable => Emulator.Port.BytesAvailable;

    public int BaudRate => Emulator.Port.HostBaud;

    public bool HasResetLine => true;

    /// <summary>The bytes the host's modelled UART buffer lost (the port's <c>HostOverrunBytes</c>), saturated.</summary>
    public int ReceiveErrors => (int)Math.Min(int.MaxValue, Emulator.Port.HostOverrunBytes);

    public void Write(byte[] buffer, int offset, int count) => Emulator.Port.HostWrite(buffer, offset, count);

    public int Read(byte[] buffer, int offset, int count, int timeoutMs) => Emulator.Port.HostRead(buffer, offset, count, timeoutMs);

    public void SetLineSettings(int baudRate, bool hardwareFlowControl)
    {
        Emulator.Port.HostBaud = baudRate;
        Emulator.Port.HostFlowControl = hardwareFlowControl;
    }

    public void PulseReset(int lowMs) => Emulator.Reboot();
}
