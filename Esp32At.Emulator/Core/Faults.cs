using System.Collections.Concurrent;
using System.Diagnostics;
using Esp32At.Emulator.Transports;

namespace Esp32At.Emulator.Core;

/// <summary>
/// Fault switches for tests, each taking effect at a precise point. Durations here are real (wall-clock)
/// milliseconds, not scaled by the emulator clock, so they work at a speed factor of 0.
/// </summary>
public sealed class Faults
{
    private readonly EspEmulator emulator;
    private readonly object gate = new();
    private readonly HashSet<string> failingNames = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, int> slowCommands = new(StringComparer.Ordinal);
    private readonly bool[] closeBeforeRead = new bool[5];
    private int dropNotices;
    private int busyCommands;
    private long busyUntil; // Stopwatch timestamp
    private int refuseConnects;

    public Faults(EspEmulator emulator)
    {
        this.emulator = emulator;
        emulator.Links.Dns.Fails = DnsFails;
        SslEncryptedLengths = emulator.Options.SslPassiveLengthQuirk;
    }

    /// <summary>
    /// Real ms the firmware takes between a peer's close (or CIPSTO) and its <c>&lt;id&gt;,CLOSED</c>: widens the window
    /// in which a host's CIPCLOSE or CIPSTART races that report.
    /// </summary>
    public int CloseReportDelayMs { get; set; }

    /// <summary>The next <paramref name="count"/> passive <c>+IPD</c> notices are not written (a lost notice).</summary>
    public void DropNextNotices(int count = 1) => Interlocked.Exchange(ref dropNotices, count);

    /// <summary>Writes <paramref name="bytes"/> to the host now, as line noise would.</summary>
    public void InjectGarbage(byte[] bytes) => emulator.Output(bytes);

    /// <summary>Reboots now (crash or brown-out), after optional <paramref name="garbage"/>; see <see cref="EspEmulator.Reboot"/>.</summary>
    public void Reboot(byte[]? garbage = null) => emulator.Reboot(garbage);

    /// <summary>
    /// For the next <paramref name="ms"/> milliseconds the firmware is busy with internal work (spec §7.2): every chunk
    /// the host sends while idle gets <c>busy p...</c> and is dropped, exactly as during a running command.
    /// </summary>
    public void BusyFor(int ms)
    {
        lock (gate) busyUntil = Stopwatch.GetTimestamp() + (long)ms * Stopwatch.Frequency / 1000;
    }

    /// <summary>The next <paramref name="count"/> chunks the host sends while idle get <c>busy p...</c> and are dropped.</summary>
    public void BusyOnNextCommand(int count = 1)
    {
        lock (gate) busyCommands = count;
    }

    /// <summary>
    /// Link <paramref name="linkId"/>'s peer closes right after its next data arrives, and the firmware reports
    /// <c>&lt;id&gt;,CLOSED</c> at once although the data was not read (spec §7.7): the notice or frame goes out, then
    /// CLOSED; the unread bytes are gone (a later CIPRECVDATA fails).
    /// </summary>
    public void RemoteCloseBeforeRead(int linkId)
    {
        lock (gate) closeBeforeRead[linkId] = true;
    }

    /// <summary>
    /// The SSL passive-length quirk (spec §4, §7.6): an SSL link's passive notice and CIPRECVLEN count the encrypted
    /// bytes (plus <see cref="Network.EmulatedLink.TlsRecordOverhead"/> per record received), so they exceed what
    /// CIPRECVDATA returns; after a read only the decrypted rest counts, and a CIPRECVDATA for the "missing" bytes
    /// answers ERROR. Off unless switched on here or by <c>EmulatorOptions.SslPassiveLengthQuirk</c>, because drivers
    /// written to the documented lengths would otherwise wait for bytes that never come.
    /// </summary>
    public bool SslEncryptedLengths { get; set; }

    /// <summary>
    /// The free heap a passive read's answer may take, in bytes (0 = no limit). CIPRECVDATA allocates its answer at the
    /// asked length plus 128 bytes before it looks at what the link holds, and answers ERROR when that allocation fails
    /// (spec §2.3; a real ESP32-C2 answered ERROR to <c>AT+CIPRECVDATA=0,3000</c> so): a read asking above
    /// <c>ReadHeapBytes - 128</c> fails and takes nothing, however little is buffered.
    /// </summary>
    public int ReadHeapBytes { get; set; }

    /// <summary>Name resolution of <paramref name="name"/> fails (CIPDOMAIN, CIPSTART by name) until <see cref="RestoreDns"/>.</summary>
    public void FailDns(string name)
    {
        lock (gate) failingNames.Add(name);
    }

    /// <summary>Ends <see cref="FailDns"/> for <paramref name="name"/>.</summary>
    public void RestoreDns(string name)
    {
        lock (gate) failingNames.Remove(name);
    }

    /// <summary>The next <paramref name="count"/> connection attempts (CIPSTART) are refused by the peer.</summary>
    public void RefuseConnect(int count = 1)
    {
        lock (gate) refuseConnects = count;
    }

    /// <summary>Command <paramref name="name"/> (as in <c>AT+&lt;name&gt;</c>, e.g. <c>CIPSEND</c>) takes <paramref name="ms"/> more milliseconds before it runs (0 = normal again).</summary>
    public void SlowCommand(string name, int ms)
    {
        if (ms > 0) slowCommands[name] = ms;
        else slowCommands.TryRemove(name, out _);
    }

    /// <summary>
    /// Every ESP write from now on reaches the host in pieces of at most <paramref name="pieceSize"/> bytes, and a host
    /// read never returns bytes of two pieces (0 = off).
    /// </summary>
    public void SplitWrites(int pieceSize) => emulator.Port.ChangeFaults(f => f.SplitSize = pieceSize);

    /// <summary>The next <paramref name="writes"/> ESP writes are held back and reach the host as one burst (one read).</summary>
    public void CoalesceWrites(int writes = 2) => emulator.Port.ChangeFaults(f => f.Coalesce(writes));

    /// <summary>
    /// The host's UART overruns: of the ESP's bytes to the host, the next <paramref name="after"/> arrive, then
    /// <paramref name="count"/> are lost and counted in <see cref="InProcessPort.HostOverrunBytes"/> (which the host
    /// transport reports as receive errors, unlike <see cref="DropBytes"/>). The loss is counted when the ESP writes the
    /// bytes, before the host can read any byte after the hole.
    /// </summary>
    public void HostOverrun(int count, int after = 0) =>
        emulator.Port.ChangeFaults(f =>
        {
            f.OverrunAfter = after;
            f.OverrunLeft = count;
        });

    /// <summary>The next <paramref name="count"/> bytes travelling in <paramref name="direction"/> are lost on the line.</summary>
    public void DropBytes(int count, LineDirection direction = LineDirection.ToHost) =>
        emulator.Port.ChangeFaults(f =>
        {
            if (direction == LineDirection.ToHost) f.DropToHost = count;
            else f.DropToEmulator = count;
        });

    /// <summary>
    /// The firmware stops reading its UART: host bytes pile up in the 2048-byte RX buffer (see <see cref="UartModel"/>);
    /// beyond it they are lost, or, with RTS flow control honoured by the host, the host's writes wait.
    /// </summary>
    public void PauseUartReceive() => emulator.Port.ChangeFaults(f => f.ReceivePaused = true);

    /// <summary>The firmware reads its UART again (what the RX buffer holds is processed in order).</summary>
    public void ResumeUartReceive() => emulator.Port.ChangeFaults(f => f.ReceivePaused = false);

    /// <summary>True when the notice about to be written must be dropped (consumes one).</summary>
    internal bool DropNotice()
    {
        while (true)
        {
            int left = Volatile.Read(ref dropNotices);
            if (left <= 0) return false;
            if (Interlocked.CompareExchange(ref dropNotices, left - 1, left) == left) return true;
        }
    }

    /// <summary>True when a chunk arriving while idle must be treated as arriving during processing (consumes one).</summary>
    internal bool TakeBusy()
    {
        lock (gate)
        {
            if (Stopwatch.GetTimestamp() < busyUntil) return true;
            if (busyCommands <= 0) return false;
            busyCommands--;
            return true;
        }
    }

    /// <summary>True when link <paramref name="linkId"/> must close right after the data just announced (consumes it).</summary>
    internal bool TakeRemoteClose(int linkId)
    {
        lock (gate)
        {
            if (!closeBeforeRead[linkId]) return false;
            closeBeforeRead[linkId] = false;
            return true;
        }
    }

    /// <summary>True when resolving <paramref name="name"/> must fail.</summary>
    internal bool DnsFails(string name)
    {
        lock (gate) return failingNames.Contains(name);
    }

    /// <summary>True when the connection attempt about to be made must be refused (consumes one).</summary>
    internal bool TakeRefuseConnect()
    {
        lock (gate)
        {
            if (refuseConnects <= 0) return false;
            refuseConnects--;
            return true;
        }
    }

    /// <summary>Waits the extra time <see cref="SlowCommand"/> set for <paramref name="name"/>.</summary>
    internal void SlowDown(string name)
    {
        if (slowCommands.TryGetValue(name, out int ms)) Thread.Sleep(ms);
    }
}
