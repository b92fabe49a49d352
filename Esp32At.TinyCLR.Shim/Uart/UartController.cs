using GHIElectronics.TinyCLR.Devices.Uart.Provider;

namespace GHIElectronics.TinyCLR.Devices.Uart;

/// <summary>
/// GHI's UartController (Uart.cs @ a9c94720, lines 7-103): a thin forwarder to its provider. SetActiveSettings spreads
/// the UartSetting into the provider's 11 parameters in GHI's order (line 25); Write(buffer, offset, length) is
/// Write(..., TimeSpan.Zero) (line 32); the events are re-raised with the controller as sender (lines 54-102).
/// FromName finds a host port registered with <see cref="HostUartPorts"/> (GHI: NativeApi.Find, line 17).
/// </summary>
public class UartController : IDisposable
{
    private DataReceivedEventHandler dataReceived;
    private ErrorReceivedEventHandler errorReceived;
    private ClearToSendChangedEventHandler clearToSendChanged;

    private UartController(IUartControllerProvider provider) => Provider = provider;

    public IUartControllerProvider Provider { get; }

    public static UartController FromName(string name) => FromProvider(HostUartPorts.Find(name));
    public static UartController FromProvider(IUartControllerProvider provider) => new(provider);

    public void Dispose() => Provider.Dispose();
    public void Enable() => Provider.Enable();
    public void Disable() => Provider.Disable();

    public void SetActiveSettings(UartSetting setting) => Provider.SetActiveSettings(setting.BaudRate, setting.DataBits, setting.Parity,
        setting.StopBits, setting.Handshaking, setting.EnableDePin, setting.InvertTxPolarity, setting.InvertRxPolarity,
        setting.InvertBinaryData, setting.SwapTxRxPin, setting.InvertDePolarity);

    public void Flush() => Provider.Flush();
    public int Read(byte[] buffer) => Read(buffer, 0, buffer.Length);
    public int Read(byte[] buffer, int offset, int length) => Provider.Read(buffer, offset, length);
    public int Write(byte[] buffer) => Write(buffer, 0, buffer.Length);
    public int Write(byte[] buffer, int offset, int length) => Write(buffer, offset, length, TimeSpan.Zero);

    public int Write(byte[] buffer, int offset, int length, TimeSpan breakDuration)
    {
        if (breakDuration != TimeSpan.Zero && BytesToWrite > 0)
        {
            Flush();
            Thread.Sleep(1);
        }
        return Provider.Write(buffer, offset, length, breakDuration);
    }

    public void ClearWriteBuffer() => Provider.ClearWriteBuffer();
    public void ClearReadBuffer() => Provider.ClearReadBuffer();
    public int WriteBufferSize { get => Provider.WriteBufferSize; set => Provider.WriteBufferSize = value; }
    public int ReadBufferSize { get => Provider.ReadBufferSize; set => Provider.ReadBufferSize = value; }
    public int BytesToWrite => Provider.BytesToWrite;
    public int BytesToRead => Provider.BytesToRead;
    public bool IsRequestToSendEnabled { get => Provider.IsRequestToSendEnabled; set => Provider.IsRequestToSendEnabled = value; }
    public bool ClearToSendState => Provider.ClearToSendState;

    public event DataReceivedEventHandler DataReceived
    {
        add { if (dataReceived == null) Provider.DataReceived += OnDataReceived; dataReceived += value; }
        remove { dataReceived -= value; if (dataReceived == null) Provider.DataReceived -= OnDataReceived; }
    }

    public event ErrorReceivedEventHandler ErrorReceived
    {
        add { if (errorReceived == null) Provider.ErrorReceived += OnErrorReceived; errorReceived += value; }
        remove { errorReceived -= value; if (errorReceived == null) Provider.ErrorReceived -= OnErrorReceived; }
    }

    public event ClearToSendChangedEventHandler ClearToSendChanged
    {
        add { if (clearToSendChanged == null) Provider.ClearToSendChanged += OnClearToSendChanged; clearToSendChanged += value; }
        remove { clearToSendChanged -= value; if (clearToSendChanged == null) Provider.ClearToSendChanged -= OnClearToSendChanged; }
    }

    private void OnDataReceived(UartController sender, DataReceivedEventArgs e) => dataReceived?.Invoke(this, e);
    private void OnErrorReceived(UartController sender, ErrorReceivedEventArgs e) => errorReceived?.Invoke(this, e);
    private void OnClearToSendChanged(UartController sender, ClearToSendChangedEventArgs e) => clearToSendChanged?.Invoke(this, e);
}
