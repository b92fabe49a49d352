namespace Esp32At.Emulator.Core;

/// <summary>
/// The host bytes of UART-Wi-Fi passthrough (CIPMODE=1 + <c>AT+CIPSEND</c>, spec §1.6, §2.3, §2.4). Data collects in a
/// buffer that goes out in 2920-byte packets, or whatever is there once TRANSINTVL ms passed since its first byte.
/// The only way out is <c>+++</c> recognised by its timing, as the UART pattern detector does: at least 20 ms of line
/// idle before the first <c>+</c>, under 20 ms between them, at least 20 ms idle after the third. A <c>+</c> run that
/// fails any of these is data. The idle guards follow the emulator clock (0 at a speed factor of 0: a write that is
/// exactly <c>+++</c>, with nothing after it in the same write, leaves); the gap between the pluses is also allowed
/// 20 real ms so a host's write split by its transport still counts.
/// </summary>
public sealed class PassthroughEntry : DataEntry
{
    /// <summary>The largest packet the firmware sends at once (spec §2.3).</summary>
    public const int PacketSize = 2920;

    /// <summary><c>AT_UART_PATTERN_TIMEOUT_MS</c>: the idle and gap bound of the <c>+++</c> pattern.</summary>
    public const int PatternGuardMs = 20;

    private readonly object gate = new();
    private readonly List<byte> buffer = new();
    private readonly double speedFactor;
    private readonly int intervalMs;
    private long firstBufferedAt; // real ms (Environment.TickCount64) of the oldest byte waiting in buffer
    private long lastByteAt = long.MinValue / 2; // the line was idle before passthrough began
    private long lastPlusAt;
    private int plusRun; // pluses held back as a possible escape
    private bool escaped;
    private bool abandoned;

    /// <param name="speedFactor">The emulator clock's factor (scales the guards and the interval).</param>
    /// <param name="transIntervalMs">AT+TRANSINTVL, in firmware ms.</param>
    public PassthroughEntry(double speedFactor, int transIntervalMs)
    {
        this.speedFactor = speedFactor;
        intervalMs = (int)Math.Round(transIntervalMs * speedFactor);
    }

    /// <summary>Never complete: passthrough ends only with <c>+++</c>.</summary>
    public override bool Complete => false;

    /// <summary>True once <c>+++</c> was recognised.</summary>
    public bool Escaped { get { lock (gate) return escaped; } }

    /// <summary>This entry recognises <c>+++</c> itself, by timing, rather than as one lone chunk.</summary>
    internal override bool DetectsOwnEscape => true;

    private long Guard => (long)Math.Round(PatternGuardMs * speedFactor);

    private long Between => Math.Max(Guard, PatternGuardMs);

    /// <summary>
    /// The <c>+++</c> pattern is judged on <paramref name="arrivedMs"/>, not on when the input thread got to the chunk:
    /// a starved thread must not see two pluses written 25 ms apart as one burst.
    /// </summary>
    public override int Accept(byte[] chunk, long arrivedMs)
    {
        lock (gate)
        {
            long now = arrivedMs;
            bool idleBefore = now - lastByteAt >= Guard;
            for (int i = 0; i < chunk.Length; i++)
            {
                byte b = chunk[i];
                bool extendsEscape = b == '+' && plusRun < 3 &&
                    (plusRun == 0 ? i == 0 && idleBefore : now - lastPlusAt < Between);
                if (extendsEscape)
                {
                    plusRun++;
                    lastPlusAt = now;
                    continue;
                }
                ReleasePluses(now);
                Append(b, now);
            }
            lastByteAt = now;
            if (plusRun == 3 && Guard == 0) escaped = true;
            Monitor.PulseAll(gate);
            return chunk.Length;
        }
    }

    /// <summary>
    /// Waits up to <paramref name="timeoutMs"/> for the next packet to send; <paramref name="escape"/> is true once
    /// <c>+++</c> was recognised (what was typed before it comes out first).
    /// </summary>
    public byte[]? Next(int timeoutMs, out bool escape)
    {
        lock (gate)
        {
            long deadline = Environment.TickCount64 + timeoutMs;
            while (true)
            {
                long now = Environment.TickCount64;
                Settle(now);
                if (buffer.Count >= PacketSize) return Take(PacketSize, out escape);
                if (buffer.Count > 0 && (escaped || now - firstBufferedAt >= intervalMs)) return Take(buffer.Count, out escape);
                escape = escaped || abandoned;
                if (escape || now >= deadline) return null;
                long wake = deadline;
                if (buffer.Count > 0) wake = Math.Min(wake, firstBufferedAt + intervalMs);
                if (plusRun is > 0 and < 3) wake = Math.Min(wake, lastPlusAt + Between);
                if (plusRun == 3) wake = Math.Min(wake, lastPlusAt + Guard);
                Monitor.Wait(gate, (int)Math.Clamp(wake - now, 1, int.MaxValue));
            }
        }
    }

    /// <summary>Held pluses whose timing has decided: a complete <c>+++</c> followed by idle escapes, a stale partial run is data.</summary>
    private void Settle(long now)
    {
        if (plusRun == 3 && now - lastByteAt >= Guard) escaped = true;
        else if (plusRun is > 0 and < 3 && now - lastPlusAt >= Between) ReleasePluses(now);
    }

    private void ReleasePluses(long now)
    {
        for (; plusRun > 0; plusRun--) Append((byte)'+', now);
    }

    private void Append(byte b, long now)
    {
        if (buffer.Count == 0) firstBufferedAt = now;
        buffer.Add(b);
    }

    private byte[] Take(int count, out bool escape)
    {
        var packet = buffer.GetRange(0, count).ToArray();
        buffer.RemoveRange(0, count);
        if (buffer.Count > 0) firstBufferedAt = Environment.TickCount64;
        escape = escaped && buffer.Count == 0;
        return packet;
    }

    /// <summary>The firmware rebooted: the consumer stops at once, unsent data is lost.</summary>
    internal void Abandon()
    {
        lock (gate)
        {
            abandoned = true;
            buffer.Clear();
            Monitor.PulseAll(gate);
        }
    }
}
