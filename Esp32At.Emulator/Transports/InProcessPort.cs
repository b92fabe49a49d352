using System.Diagnostics;
using Esp32At.Emulator.Core;

namespace Esp32At.Emulator.Transports;

/// <summary>
/// An in-process duplex byte line between a host (the driver under test) and the emulator: the ESP's AT UART.
/// Each host write reaches the emulator as one chunk, the way a UART read delivers a burst; emulator output is
/// buffered for the host. A host/ESP baud mismatch garbles bytes. With a pacing clock (speed factor above 0) bytes take
/// their wire time at the current baud rate in both directions; the ESP's RX buffer and RTS flow control are modelled
/// while its firmware is not reading (<see cref="Faults.PauseUartReceive"/>). Line faults come from <see cref="Faults"/>.
/// </summary>
public sealed class InProcessPort
{
    private readonly object gate = new();
    private readonly HostBoundQueue toHost = new();
    private readonly Queue<(byte[] Data, long ReadyAt)> toEmulator = new();
    private readonly UartPacer hostTx = new();
    private readonly UartPacer espTx = new();
    private int toEmulatorBytes;
    private long overrunBytes;

    internal LineFaults Line { get; } = new();

    /// <summary>The clock whose speed factor paces the wire, or null for no pacing.</summary>
    internal EmulatorClock? Clock { get; set; }

    /// <summary>Baud rate the emulated ESP currently runs its UART at.</summary>
    public int EmulatorBaud { get { lock (gate) return emulatorBaud; } internal set { lock (gate) emulatorBaud = value; } }
    private int emulatorBaud = 115200;

    /// <summary>The ESP's flow-control setting (<c>AT+UART</c> last field: 0 none, 1 RTS, 2 CTS, 3 both).</summary>
    public int EmulatorFlow { get { lock (gate) return emulatorFlow; } internal set { lock (gate) { emulatorFlow = value; Monitor.PulseAll(gate); } } }
    private int emulatorFlow = 1;

    /// <summary>Baud rate the host side is set to; when it differs from <see cref="EmulatorBaud"/>, bytes are garbled.</summary>
    public int HostBaud { get; set; } = 115200;

    /// <summary>Whether the host honours hardware flow control (its writes wait while <see cref="ClearToSend"/> is false).</summary>
    public bool HostFlowControl { get; set; }

    /// <summary>How long a host write may wait for <see cref="ClearToSend"/> before it throws <see cref="TimeoutException"/>.</summary>
    public int HostWriteTimeoutMs { get; set; } = 10_000;

    /// <summary>
    /// The host's CTS input (the ESP's RTS output): false while the ESP drives RTS (flow 1 or 3) and its RX buffer is full.
    /// </summary>
    public bool ClearToSend { get { lock (gate) return !RtsHolding(); } }

    /// <summary>
    /// The host's RTS output (the ESP's CTS input). While false, an ESP that watches CTS (flow 2 or 3) talking to a host
    /// that honours flow control stops sending: once its 8192-byte TX buffer is full, the firmware's writes wait.
    /// </summary>
    public bool HostReadyToReceive
    {
        get { lock (gate) return hostReady; }
        set { lock (gate) { hostReady = value; Monitor.PulseAll(gate); } }
    }
    private bool hostReady = true;

    /// <summary>
    /// The host UART driver's receive buffer, in bytes (0, the default: unbounded). With it, a host that stops reading
    /// either holds the ESP (host flow control on and the ESP watching CTS, flow 2 or 3: once this buffer and the ESP's
    /// 8192-byte TX buffer are full, the firmware's writes wait) or loses what arrives beyond it (<see cref="HostOverrunBytes"/>).
    /// </summary>
    public int HostReceiveBufferSize { get { lock (gate) return hostReceiveBufferSize; } set { lock (gate) { hostReceiveBufferSize = value; Monitor.PulseAll(gate); } } }
    private int hostReceiveBufferSize;

    /// <summary>
    /// ESP bytes lost because the host's receive buffer (<see cref="HostReceiveBufferSize"/>) was full and nothing held
    /// the ESP, or by an injected overrun (<see cref="Faults.HostOverrun"/>).
    /// </summary>
    public long HostOverrunBytes { get { lock (gate) { DropHostOverrun(Stopwatch.GetTimestamp()); return hostOverrunBytes; } } }
    private long hostOverrunBytes;

    /// <summary>Host bytes lost because the ESP's RX buffer was full (no flow control, or the host ignored it).</summary>
    public long OverrunBytes { get { lock (gate) return overrunBytes; } }

    /// <summary>Bytes waiting for the host (arrived on its side of the wire).</summary>
    public int BytesAvailable
    {
        get
        {
            lock (gate)
            {
                long now = Stopwatch.GetTimestamp();
                DropHostOverrun(now);
                return toHost.Available(now);
            }
        }
    }

    /// <summary>Where both directions are logged, or null (no cost).</summary>
    public ByteLog? Log { get; set; }

    /// <summary>Host side: sends bytes to the emulator (waits while flow control holds it, see <see cref="ClearToSend"/>).</summary>
    public void HostWrite(byte[] buffer, int offset, int count)
    {
        var chunk = new byte[count];
        Array.Copy(buffer, offset, chunk, 0, count);
        lock (gate)
        {
            int dropped = LineFaults.Drop(ref chunk, ref Line.DropToEmulator);
            bool garble = HostBaud != emulatorBaud;
            Log?.Write(LineDirection.ToEmulator, buffer, offset, count, Note(garble, dropped));
            if (garble) Garble(chunk);
            var deadline = DateTime.UtcNow.AddMilliseconds(HostWriteTimeoutMs);
            while (chunk.Length > 0)
            {
                int room = Line.ReceivePaused ? Math.Max(0, UartModel.ReceiveBufferSize - toEmulatorBytes) : chunk.Length;
                if (room < chunk.Length && HostFlowControl && (emulatorFlow & UartModel.FlowRts) != 0)
                {
                    // RTS deasserted: the host's UART sends what fits and holds the rest until the firmware reads again.
                    Enqueue(chunk[..room]);
                    chunk = chunk[room..];
                    var left = deadline - DateTime.UtcNow;
                    if (left <= TimeSpan.Zero) throw new TimeoutException("the ESP held RTS (its RX buffer stayed full)");
                    Monitor.Wait(gate, left);
                    continue;
                }
                if (room < chunk.Length) overrunBytes += chunk.Length - room;
                Enqueue(chunk[..Math.Min(room, chunk.Length)]);
                break;
            }
        }
    }

    /// <summary>Host side: reads up to <paramref name="count"/> bytes, waiting up to <paramref name="timeoutMs"/> for the first.</summary>
    public int HostRead(byte[] buffer, int offset, int count, int timeoutMs)
    {
        if (count <= 0) return 0;
        lock (gate)
        {
            long deadline = Stopwatch.GetTimestamp() + (long)timeoutMs * Stopwatch.Frequency / 1000;
            while (true)
            {
                long now = Stopwatch.GetTimestamp();
                DropHostOverrun(now);
                int n = toHost.Take(buffer, offset, count, now, out long nextArrival);
                if (n > 0)
                {
                    Monitor.PulseAll(gate); // room in the host's buffer
                    return n;
                }
                if (now >= deadline) return 0;
                long until = nextArrival > 0 ? Math.Min(deadline, nextArrival) : deadline;
                Monitor.Wait(gate, TimeSpan.FromTicks(Math.Max(TimeSpan.TicksPerMillisecond / 10, (until - now) * TimeSpan.TicksPerSecond / Stopwatch.Frequency)));
            }
        }
    }

    /// <summary>
    /// Emulator side: writes bytes to the host in one piece (URCs are single writes on the real firmware), then switches
    /// to <paramref name="thenSwitchTo"/> baud and <paramref name="thenFlow"/> flow control once they are out.
    /// Blocks while the UART's TX buffer is full (paced only).
    /// </summary>
    internal void EmulatorWrite(byte[] bytes, int? thenSwitchTo = null, int? thenFlow = null)
    {
        lock (gate)
        {
            var data = (byte[])bytes.Clone();
            int dropped = LineFaults.Drop(ref data, ref Line.DropToHost);
            int overrun = Line.Overrun(ref data);
            hostOverrunBytes += overrun; // what the host's UART reports as receive errors
            bool garble = HostBaud != emulatorBaud;
            Log?.Write(LineDirection.ToHost, bytes, 0, bytes.Length, Note(garble, dropped + overrun));
            if (garble) Garble(data);
            while (CtsHolding()) Monitor.Wait(gate, 100);
            var burst = Line.Gather(data);
            if (burst is not null)
            {
                double tpb = UartPacer.TicksPerByte(Clock, emulatorBaud);
                foreach (var piece in Line.Split(burst))
                {
                    long start = espTx.Schedule(piece.Length, tpb, heldUntil);
                    toHost.Add(piece, start, tpb, endsRead: Line.SplitSize > 0);
                }
                WaitForTransmitRoom(tpb);
            }
            // The new rate applies once these bytes are out (uart_wait_tx_done), atomically with respect to the host.
            if (thenSwitchTo is int baud) emulatorBaud = baud;
            if (thenFlow is int flow) emulatorFlow = flow;
            Monitor.PulseAll(gate);
        }
    }

    /// <summary>Emulator side: the next chunk the host wrote, or null after <paramref name="timeoutMs"/>.</summary>
    internal byte[]? EmulatorRead(int timeoutMs) => EmulatorRead(timeoutMs, out _);

    /// <summary>
    /// Emulator side: the next chunk the host wrote, or null after <paramref name="timeoutMs"/>;
    /// <paramref name="arrivedAt"/> is the Stopwatch timestamp its last byte arrived on the wire (paced), or when it was
    /// written (not paced), however late the caller got to it.
    /// </summary>
    internal byte[]? EmulatorRead(int timeoutMs, out long arrivedAt)
    {
        arrivedAt = 0;
        lock (gate)
        {
            long deadline = Stopwatch.GetTimestamp() + (long)timeoutMs * Stopwatch.Frequency / 1000;
            while (true)
            {
                long now = Stopwatch.GetTimestamp();
                long wakeAt = deadline;
                if (!Line.ReceivePaused && toEmulator.Count > 0)
                {
                    var (data, readyAt) = toEmulator.Peek();
                    if (readyAt <= now)
                    {
                        arrivedAt = readyAt;
                        toEmulator.Dequeue();
                        toEmulatorBytes -= data.Length;
                        Monitor.PulseAll(gate); // RTS may be released
                        return data;
                    }
                    wakeAt = Math.Min(deadline, readyAt);
                }
                if (now >= deadline) return null;
                Monitor.Wait(gate, TimeSpan.FromTicks(Math.Max(TimeSpan.TicksPerMillisecond / 10, (wakeAt - now) * TimeSpan.TicksPerSecond / Stopwatch.Frequency)));
            }
        }
    }

    /// <summary>
    /// Emulator side: what the calling thread (a command's) writes from now on starts on the wire no earlier than
    /// Stopwatch timestamp <paramref name="timestamp"/> (the end of the command's processing time,
    /// <see cref="CommandLatency"/>); other threads' notices are not held. Returns false when the line is not paced
    /// (then nothing is held).
    /// </summary>
    internal bool HoldOutputUntil(long timestamp)
    {
        lock (gate)
        {
            if (UartPacer.TicksPerByte(Clock, emulatorBaud) <= 0) return false;
            heldUntil = timestamp;
            return true;
        }
    }

    [ThreadStatic] private static long heldUntil;

    /// <summary>Runs <paramref name="change"/> on the line faults under the port's lock, then wakes waiting readers and writers.</summary>
    internal void ChangeFaults(Action<LineFaults> change)
    {
        lock (gate)
        {
            change(Line);
            Monitor.PulseAll(gate);
        }
    }

    private void Enqueue(byte[] chunk)
    {
        if (chunk.Length == 0) return;
        double tpb = UartPacer.TicksPerByte(Clock, HostBaud);
        long start = hostTx.Schedule(chunk.Length, tpb);
        toEmulator.Enqueue((chunk, start + (long)Math.Ceiling(chunk.Length * tpb)));
        toEmulatorBytes += chunk.Length;
        Monitor.PulseAll(gate);
    }

    private bool HostHoldsEsp => HostFlowControl && (emulatorFlow & UartModel.FlowCts) != 0;

    // The host's RTS is low while it says so, or while its receive buffer is full; the ESP's TX buffer fills behind it.
    private bool CtsHolding() =>
        HostHoldsEsp && (!hostReady && toHost.Count >= UartModel.TransmitBufferSize
            || hostReceiveBufferSize > 0 && toHost.Count >= hostReceiveBufferSize + UartModel.TransmitBufferSize);

    // Without flow control holding the ESP, what arrived beyond the host's receive buffer is lost (evaluated lazily: the
    // host reads nothing between two calls, so what arrived since is exactly what met a full buffer).
    private void DropHostOverrun(long now)
    {
        if (hostReceiveBufferSize <= 0 || HostHoldsEsp) return;
        hostOverrunBytes += toHost.DropOverrun(now, hostReceiveBufferSize);
    }

    private bool RtsHolding() =>
        (emulatorFlow & UartModel.FlowRts) != 0 && Line.ReceivePaused && toEmulatorBytes >= UartModel.ReceiveBufferSize;

    /// <summary>uart_write_bytes blocks while more than the TX buffer waits for the wire (only when paced).</summary>
    private void WaitForTransmitRoom(double ticksPerByte)
    {
        if (ticksPerByte <= 0) return;
        long limit = (long)(UartModel.TransmitBufferSize * ticksPerByte);
        long over;
        while ((over = espTx.Backlog(Stopwatch.GetTimestamp()) - limit) > 0)
            Monitor.Wait(gate, TimeSpan.FromTicks(Math.Max(TimeSpan.TicksPerMillisecond / 10, over * TimeSpan.TicksPerSecond / Stopwatch.Frequency)));
    }

    private static string? Note(bool garbled, int dropped) =>
        (garbled, dropped) switch
        {
            (false, 0) => null,
            (true, 0) => "garbled: baud mismatch",
            (false, _) => $"{dropped} bytes dropped",
            _ => $"garbled: baud mismatch; {dropped} bytes dropped",
        };

    /// <summary>What a receiver at the wrong baud rate sees: every byte corrupted.</summary>
    private static void Garble(byte[] bytes)
    {
        for (int i = 0; i < bytes.Length; i++) bytes[i] = (byte)(bytes[i] ^ 0xA5 | 0x80);
    }
}
