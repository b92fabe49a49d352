using System.IO.Ports;

namespace Esp32At.Hosting;

/// <summary>
/// <see cref="ISerialLine"/> over <see cref="SerialPort"/> (8N1). Arrival of bytes is signalled by the port's
/// <see cref="SerialPort.DataReceived"/> event, so waiting for data costs no exception per timeout. Receive errors come
/// from its <see cref="SerialPort.ErrorReceived"/> event (<see cref="ReceiveErrors"/>), where the platform's
/// System.IO.Ports raises it.
/// </summary>
public sealed class SerialPortLine : ISerialLine
{
    private readonly SerialPort port;
    private readonly AutoResetEvent dataArrived = new(false);
    private int receiveErrors;

    /// <summary>Opens <paramref name="portName"/> (e.g. <c>/dev/ttyUSB0</c>, <c>COM3</c>) with both control lines released.</summary>
    public SerialPortLine(string portName, int baudRate, bool rtsCts)
    {
        port = new SerialPort(portName, baudRate, Parity.None, 8, StopBits.One)
        {
            Handshake = rtsCts ? Handshake.RequestToSend : Handshake.None,
            ReadTimeout = SerialPort.InfiniteTimeout,
            WriteTimeout = 10_000,
            ReadBufferSize = 64 * 1024,
            DtrEnable = false,
        };
        if (!rtsCts) port.RtsEnable = false;
        port.DataReceived += (_, _) => dataArrived.Set();
        port.ErrorReceived += (_, e) =>
        {
            if (IsReceiveError(e.EventType)) Interlocked.Increment(ref receiveErrors);
        };
        port.Open();
    }

    public int BytesToRead => port.BytesToRead;

    public int ReceiveErrors => Volatile.Read(ref receiveErrors);

    /// <summary>Whether <paramref name="error"/> lost or damaged received bytes (not <see cref="SerialError.TXFull"/>, a transmit error).</summary>
    public static bool IsReceiveError(SerialError error) =>
        (error & (SerialError.Overrun | SerialError.RXOver | SerialError.RXParity | SerialError.Frame)) != 0;

    public int Read(byte[] buffer, int offset, int count) => port.Read(buffer, offset, count);

    public void Write(byte[] buffer, int offset, int count) => port.Write(buffer, offset, count);

    public bool WaitForData(int timeoutMs) => dataArrived.WaitOne(timeoutMs);

    public int BaudRate
    {
        get => port.BaudRate;
        set => port.BaudRate = value;
    }

    public bool RtsCts
    {
        get => port.Handshake == Handshake.RequestToSend;
        set => port.Handshake = value ? Handshake.RequestToSend : Handshake.None;
    }

    public bool Rts
    {
        get => port.RtsEnable;
        set => port.RtsEnable = value;
    }

    public bool Dtr
    {
        get => port.DtrEnable;
        set => port.DtrEnable = value;
    }

    public void Dispose()
    {
        port.Dispose();
        dataArrived.Dispose();
    }
}
