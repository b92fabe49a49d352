using Esp32At.Emulator.Core;
using Esp32At.Transport;

namespace Esp32At.Hosting;

/// <summary>
/// The library's transport over an in-process emulator: what the driver writes reaches the emulated ESP's UART.
/// Changing the host baud without the ESP having switched garbles the line, as on a real wire; the reset line reboots it.
/// </summary>
public sealed class EmulatorTransport(EspEmulator emulator) : IAtTransport
{
    public EspEmulator Emulator { get; } = emulator;

    public int BytesAvailable => Emulator.Port.BytesAvailable;

    public int BaudRate => Emulator.Port.HostBaud;

    public bool HasResetLine => true;

    public void Write(byte[] buffer, int offset, int count) => Emulator.Port.HostWrite(buffer, offset, count);

    public int Read(byte[] buffer, int offset, int count, int timeoutMs) => Emulator.Port.HostRead(buffer, offset, count, timeoutMs);

    public void SetLineSettings(int baudRate, bool hardwareFlowControl)
    {
        Emulator.Port.HostBaud = baudRate;
        Emulator.Port.HostFlowControl = hardwareFlowControl;
    }

    public void PulseReset(int lowMs) => Emulator.Reboot();
}
