using Esp32At.Transport;

namespace Esp32At.Hosting;

/// <summary>
/// The library's transport over a host serial port (a USB-UART adapter wired to the ESP's AT UART): reads wait for the
/// first byte up to the caller's timeout and then take what has arrived; the baud rate and RTS/CTS change on the fly
/// after <c>AT+UART_CUR</c>; an adapter's RTS or DTR output wired to EN gives the driver a reset line. The port's receive
/// errors (<see cref="ISerialLine.ReceiveErrors"/>: overrun, parity, framing) reach the AT engine as
/// <see cref="IAtReceiveErrors"/>, as the TinyCLR UART transport's do.
/// </summary>
public sealed class SerialPortTransport : IAtTransport, IAtReceiveErrors, IDisposable
{
    /// <summary>Longest single wait for data: bounds the latency should the port's arrival signal be missed.</summary>
    private const int WaitSliceMs = 10;

    private readonly ISerialLine line;
    private readonly ResetLine resetLine;

    /// <summary>Opens <paramref name="portName"/> at <paramref name="baudRate"/> baud, 8N1.</summary>
    /// <param name="portName">e.g. <c>/dev/ttyUSB0</c> or <c>COM3</c>.</param>
    /// <param name="baudRate">The ESP's current UART rate (ESP-AT boots at 115200 unless AT+UART_DEF changed it).</param>
    /// <param name="rtsCts">RTS/CTS hardware flow control (recommended above 115200 baud).</param>
    /// <param name="resetLine">The adapter output wired to the ESP's EN pin, if any.</param>
    public SerialPortTransport(string portName, int baudRate = 115200, bool rtsCts = false, ResetLine resetLine = ResetLine.None)
        : this(OpenChecked(portName, baudRate, rtsCts, resetLine), resetLine)
    {
    }

    /// <summary>A transport over any <see cref="ISerialLine"/>; it owns the line.</summary>
    public SerialPortTransport(ISerialLine line, ResetLine resetLine = ResetLine.None)
    {
        ArgumentNullException.ThrowIfNull(line);
        CheckResetLine(line.RtsCts, resetLine);
        this.line = line;
        this.resetLine = resetLine;
        Release();
    }

    public int BytesAvailable => line.BytesToRead;

    public int BaudRate => line.BaudRate;

    /// <summary>Receive errors the port reported (<see cref="ISerialLine.ReceiveErrors"/>).</summary>
    public int ReceiveErrors => line.ReceiveErrors;

    /// <summary>Whether RTS/CTS flow control is on.</summary>
    public bool HardwareFlowControl => line.RtsCts;

    public bool HasResetLine => resetLine != ResetLine.None;

    public void Write(byte[] buffer, int offset, int count)
    {
        if (count > 0) line.Write(buffer, offset, count);
    }

    public int Read(byte[] buffer, int offset, int count, int timeoutMs)
    {
        if (count <= 0) return 0;
        long deadline = Environment.TickCount64 + Math.Max(0, timeoutMs);
        while (true)
        {
            int available = line.BytesToRead;
            if (available > 0) return line.Read(buffer, offset, Math.Min(count, available));
            long left = deadline - Environment.TickCount64;
            if (left <= 0) return 0;
            line.WaitForData((int)Math.Min(left, WaitSliceMs));
        }
    }

    public void SetLineSettings(int baudRate, bool hardwareFlowControl)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(baudRate, 1);
        CheckResetLine(hardwareFlowControl, resetLine);
        if (line.BaudRate != baudRate) line.BaudRate = baudRate;
        if (line.RtsCts != hardwareFlowControl) line.RtsCts = hardwareFlowControl;
    }

    public void PulseReset(int lowMs)
    {
        if (resetLine == ResetLine.None) return;
        SetResetLine(true);
        try
        {
            Thread.Sleep(Math.Max(1, lowMs));
        }
        finally
        {
            SetResetLine(false);
        }
    }

    public void Dispose() => line.Dispose();

    private void Release()
    {
        if (resetLine != ResetLine.None) SetResetLine(false);
    }

    private void SetResetLine(bool asserted)
    {
        if (resetLine == ResetLine.Rts) line.Rts = asserted;
        else if (resetLine == ResetLine.Dtr) line.Dtr = asserted;
    }

    private static void CheckResetLine(bool rtsCts, ResetLine resetLine)
    {
        if (rtsCts && resetLine == ResetLine.Rts)
            throw new ArgumentException("RTS cannot be both the RTS/CTS flow-control line and the ESP's reset line: wire EN to DTR", nameof(resetLine));
    }

    private static ISerialLine OpenChecked(string portName, int baudRate, bool rtsCts, ResetLine resetLine)
    {
        ArgumentException.ThrowIfNullOrEmpty(portName);
        CheckResetLine(rtsCts, resetLine);
        return new SerialPortLine(portName, baudRate, rtsCts);
    }
}
