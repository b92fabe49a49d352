namespace GHIElectronics.TinyCLR.Devices.Uart.Provider;

/// <summary>GHI's provider interface (Uart.cs @ a9c94720, lines 188-211), member for member.</summary>
public interface IUartControllerProvider : IDisposable
{
    void Enable();
    void Disable();
    void SetActiveSettings(int baudRate, int dataBits, UartParity parity, UartStopBitCount stopBits, UartHandshake handshaking,
        bool enableDePin, bool invertTxPolarity, bool invertRxPolarity, bool invertBinaryData, bool swapTxRxPin, bool invertDePolarity);
    void Flush();
    int Read(byte[] buffer, int offset, int length);
    int Write(byte[] buffer, int offset, int length, TimeSpan breakDuration);
    void ClearWriteBuffer();
    void ClearReadBuffer();
    int WriteBufferSize { get; set; }
    int ReadBufferSize { get; set; }
    int BytesToWrite { get; }
    int BytesToRead { get; }
    bool IsRequestToSendEnabled { get; set; }
    bool ClearToSendState { get; }
    event ClearToSendChangedEventHandler ClearToSendChanged;
    event DataReceivedEventHandler DataReceived;
    event ErrorReceivedEventHandler ErrorReceived;
}
