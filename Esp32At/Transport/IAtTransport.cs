namespace Esp32At.Transport
{
    /// <summary>
    /// The byte stream to the ESP32's AT UART: the only thing the AT engine knows about the wire.
    /// Implementations: the TinyCLR UART (device), a host serial port, the emulator's in-process port.
    /// </summary>
    public interface IAtTransport
    {
        /// <summary>Writes <paramref name="count"/> bytes; returns when all were handed to the driver.</summary>
        void Write(byte[] buffer, int offset, int count);

        /// <summary>
        /// Reads up to <paramref name="count"/> bytes. Waits up to <paramref name="timeoutMs"/> milliseconds for the
        /// first byte (0 = do not wait) and returns how many were read; 0 means none arrived in time.
        /// </summary>
        int Read(byte[] buffer, int offset, int count, int timeoutMs);

        /// <summary>Bytes received and not yet read.</summary>
        int BytesAvailable { get; }

        /// <summary>The host side's current baud rate.</summary>
        int BaudRate { get; }

        /// <summary>
        /// Changes the host side of the line (baud rate, RTS/CTS). Called after the ESP acknowledged
        /// <c>AT+UART_CUR</c> at the old rate.
        /// </summary>
        void SetLineSettings(int baudRate, bool hardwareFlowControl);

        /// <summary>True when a GPIO is wired to the ESP's EN (reset) pin.</summary>
        bool HasResetLine { get; }

        /// <summary>Holds the ESP in reset for <paramref name="lowMs"/> ms, then releases it. No-op without a reset line.</summary>
        void PulseReset(int lowMs);
    }
}
