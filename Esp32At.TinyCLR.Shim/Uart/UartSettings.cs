namespace GHIElectronics.TinyCLR.Devices.Uart;

// Same names and values as GHIElectronics.TinyCLR.Devices.Uart/Uart.cs @ a9c94720 (TinyCLR-Libraries, 2.2.1.2000), lines 105-146.
public enum UartHandshake { None = 0, RequestToSend = 1 }
public enum UartParity { None = 0, Odd = 1, Even = 2, Mark = 3, Space = 4 }
public enum UartStopBitCount { One = 0, OnePointFive = 1, Two = 2 }
public enum UartError { Frame = 0, Overrun = 1, BufferFull = 2, ReceiveParity = 3 }

public class UartSetting
{
    public int BaudRate { get; set; }
    public int DataBits { get; set; }
    public UartParity Parity { get; set; }
    public UartStopBitCount StopBits { get; set; }
    public UartHandshake Handshaking { get; set; }
    public bool EnableDePin { get; set; }
    public bool InvertTxPolarity { get; set; }
    public bool InvertRxPolarity { get; set; }
    public bool InvertBinaryData { get; set; }
    public bool SwapTxRxPin { get; set; }
    public bool InvertDePolarity { get; set; }
}

public delegate void DataReceivedEventHandler(UartController sender, DataReceivedEventArgs e);
public delegate void ErrorReceivedEventHandler(UartController sender, ErrorReceivedEventArgs e);
public delegate void ClearToSendChangedEventHandler(UartController sender, ClearToSendChangedEventArgs e);

public class DataReceivedEventArgs
{
    internal DataReceivedEventArgs(int count, DateTime timestamp) { Count = count; Timestamp = timestamp; }
    public int Count { get; }
    public DateTime Timestamp { get; }
}

public class ErrorReceivedEventArgs
{
    internal ErrorReceivedEventArgs(UartError error, DateTime timestamp) { Error = error; Timestamp = timestamp; }
    public UartError Error { get; }
    public DateTime Timestamp { get; }
}

public sealed class ClearToSendChangedEventArgs
{
    internal ClearToSendChangedEventArgs(bool state, DateTime timestamp) { State = state; Timestamp = timestamp; }
    public bool State { get; }
    public DateTime Timestamp { get; }
}
