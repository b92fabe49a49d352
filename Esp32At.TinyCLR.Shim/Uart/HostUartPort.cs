using GHIElectronics.TinyCLR.Devices.Uart.Provider;

namespace GHIElectronics.TinyCLR.Devices.Uart;

/// <summary>
/// Host only: a UART as TinyCLR's native driver behaves (TinyCLR-Ports Targets/STM32F7xx/STM32F7_UART.cpp @ 3c8cd797):
/// Read returns at most BytesToRead without waiting (Read, line 784); Write queues at most the free write-buffer space
/// and returns that count, 0 when full (Write, line 813); both throw when the port is not enabled (NotAvailable).
/// Received bytes go into a ring of ReadBufferSize; when it is full the newest byte overwrites unread data and
/// ErrorReceived(BufferFull) is raised (RX interrupt, lines 278-300). DataReceived is debounced: it fires only for a byte
/// arriving after a quiet gap (lines 286-293), so one event may stand for a long burst. Events are raised on another
/// thread (TinyCLR's NativeEventDispatcher), never on the thread that delivered the bytes.
/// </summary>
public sealed class HostUartPort : IUartControllerProvider
{
    private readonly object gate = new();
    private byte[] rx = new byte[512];
    private int rxIn, rxOut, rxCount;
    private byte[] tx = new byte[512];
    private int txCount;
    private long lastRxTicks;
    private DataReceivedEventHandler dataReceived;
    private ErrorReceivedEventHandler errorReceived;

    /// <summary>The wire: bytes the app wrote, as they leave the UART (not called while <see cref="HoldTransmit"/>).</summary>
    public Action<byte[], int, int> Transmitted { get; set; }

    /// <summary>While true, written bytes stay in the write buffer (as with CTS deasserted).</summary>
    public bool HoldTransmit { get; set; }

    /// <summary>Gap after which a received byte raises DataReceived again (TinyCLR's debounce).</summary>
    public TimeSpan DataReceivedDebounce { get; set; } = TimeSpan.FromMilliseconds(1);

    public bool Enabled { get; private set; }
    public int EnableCount { get; private set; }
    public int ClearReadBufferCount { get; private set; }

    /// <summary>The arguments of every SetActiveSettings, in GHI's parameter order.</summary>
    public List<object[]> Settings { get; } = new();

    /// <summary>The remote end sends <paramref name="bytes"/>.</summary>
    public void Deliver(byte[] bytes, int offset, int count)
    {
        bool raiseData = false, raiseFull = false;
        lock (gate)
        {
            if (!Enabled) return; // a disabled UART does not receive
            for (int i = 0; i < count; i++)
            {
                rx[rxIn++] = bytes[offset + i];
                if (rxCount < rx.Length) rxCount++;
                if (rxIn == rx.Length) rxIn = 0;
                if (rxCount == rx.Length) raiseFull = true;
            }
            long now = DateTime.UtcNow.Ticks;
            raiseData = now > lastRxTicks + DataReceivedDebounce.Ticks;
            lastRxTicks = now;
        }
        if (raiseData) Raise(() => dataReceived?.Invoke(null, new DataReceivedEventArgs(count, DateTime.UtcNow)));
        if (raiseFull) Raise(() => errorReceived?.Invoke(null, new ErrorReceivedEventArgs(UartError.BufferFull, DateTime.UtcNow)));
    }

    /// <summary>Releases what <see cref="HoldTransmit"/> kept back.</summary>
    public void ReleaseTransmit()
    {
        byte[] pending;
        lock (gate)
        {
            HoldTransmit = false;
            pending = tx.AsSpan(0, txCount).ToArray();
            txCount = 0;
        }
        if (pending.Length > 0) Transmitted?.Invoke(pending, 0, pending.Length);
    }

    public void Enable() { lock (gate) { Enabled = true; EnableCount++; } }
    public void Disable() { lock (gate) Enabled = false; }
    public void Dispose() => Disable();

    public void SetActiveSettings(int baudRate, int dataBits, UartParity parity, UartStopBitCount stopBits, UartHandshake handshaking,
        bool enableDePin, bool invertTxPolarity, bool invertRxPolarity, bool invertBinaryData, bool swapTxRxPin, bool invertDePolarity)
    {
        lock (gate) Settings.Add(new object[] { baudRate, dataBits, parity, stopBits, handshaking, enableDePin, invertTxPolarity,
            invertRxPolarity, invertBinaryData, swapTxRxPin, invertDePolarity });
    }

    public void Flush() { }

    public int Read(byte[] buffer, int offset, int length)
    {
        lock (gate)
        {
            if (!Enabled) throw new InvalidOperationException("UART not enabled");
            int n = Math.Min(rxCount, length);
            for (int i = 0; i < n; i++)
            {
                buffer[offset + i] = rx[rxOut++];
                if (rxOut == rx.Length) rxOut = 0;
            }
            rxCount -= n;
            return n;
        }
    }

    public int Write(byte[] buffer, int offset, int length, TimeSpan breakDuration)
    {
        lock (gate)
        {
            if (!Enabled) throw new InvalidOperationException("UART not enabled");
            if (HoldTransmit)
            {
                int n = Math.Min(tx.Length - txCount, length);
                Array.Copy(buffer, offset, tx, txCount, n);
                txCount += n;
                return n;
            }
        }
        Transmitted?.Invoke(buffer, offset, length);
        return length;
    }

    public void ClearWriteBuffer() { lock (gate) txCount = 0; }
    public void ClearReadBuffer() { lock (gate) { rxIn = rxOut = rxCount = 0; ClearReadBufferCount++; } }

    public int WriteBufferSize { get { lock (gate) return tx.Length; } set { if (value <= 0) throw new ArgumentOutOfRangeException(nameof(value)); lock (gate) { tx = new byte[value]; txCount = 0; } } }
    public int ReadBufferSize { get { lock (gate) return rx.Length; } set { if (value <= 0) throw new ArgumentOutOfRangeException(nameof(value)); lock (gate) { rx = new byte[value]; rxIn = rxOut = rxCount = 0; } } }
    public int BytesToWrite { get { lock (gate) return txCount; } }
    public int BytesToRead { get { lock (gate) return rxCount; } }
    public bool IsRequestToSendEnabled { get; set; }
    public bool ClearToSendState => !HoldTransmit;

    public event ClearToSendChangedEventHandler ClearToSendChanged { add { } remove { } }
    public event DataReceivedEventHandler DataReceived { add { lock (gate) dataReceived += value; } remove { lock (gate) dataReceived -= value; } }
    public event ErrorReceivedEventHandler ErrorReceived { add { lock (gate) errorReceived += value; } remove { lock (gate) errorReceived -= value; } }

    private static void Raise(Action a) => ThreadPool.UnsafeQueueUserWorkItem(_ => a(), null);
}

/// <summary>Host only: the names <see cref="UartController.FromName"/> finds (GHI: the native API table).</summary>
public static class HostUartPorts
{
    private static readonly Dictionary<string, IUartControllerProvider> Ports = new();

    public static void Register(string name, IUartControllerProvider port) { lock (Ports) Ports[name] = port; }
    public static void Unregister(string name) { lock (Ports) Ports.Remove(name); }

    public static IUartControllerProvider Find(string name)
    {
        lock (Ports) return Ports.TryGetValue(name, out var p) ? p : throw new ArgumentException("no UART named " + name);
    }
}
