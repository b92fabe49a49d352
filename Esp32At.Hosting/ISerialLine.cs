namespace Esp32At.Hosting;

/// <summary>
/// The few things <see cref="SerialPortTransport"/> needs from a serial port: a seam so the transport's timing and
/// line-control rules can be tested without hardware (<see cref="SerialPortLine"/> is the real one).
/// </summary>
public interface ISerialLine : IDisposable
{
    /// <summary>Bytes received and not yet read.</summary>
    int BytesToRead { get; }

    /// <summary>Reads up to <paramref name="count"/> of the bytes already received (never blocks when some are there).</summary>
    int Read(byte[] buffer, int offset, int count);

    /// <summary>Writes all bytes.</summary>
    void Write(byte[] buffer, int offset, int count);

    /// <summary>Waits up to <paramref name="timeoutMs"/> for a sign that bytes arrived; false when the wait ran out.</summary>
    bool WaitForData(int timeoutMs);

    /// <summary>The line's baud rate.</summary>
    int BaudRate { get; set; }

    /// <summary>RTS/CTS hardware flow control.</summary>
    bool RtsCts { get; set; }

    /// <summary>Asserts (true) or releases the RTS output (only when not used for flow control).</summary>
    bool Rts { get; set; }

    /// <summary>Asserts (true) or releases the DTR output.</summary>
    bool Dtr { get; set; }

    /// <summary>
    /// Receive errors the port reported so far (overrun, input buffer overflow, parity, framing): each means bytes from
    /// the ESP were lost or damaged. A line that cannot tell keeps 0.
    /// </summary>
    int ReceiveErrors => 0;
}
