using System;
using System.Threading;

namespace Esp32At.Engine
{
    // UART-Wi-Fi passthrough (CIPMODE=1 + AT+CIPSEND): after its '>' the pump only fills the ring, nothing is parsed;
    // ReadPassthrough copies straight out of the ring, WritePassthrough goes straight to the transport, and
    // LeavePassthrough sends the timed "+++" and hands the UART back to the parser.
    public sealed partial class AtExecutor
    {
        /// <summary>The firmware's <c>+++</c> pattern bound (AT_UART_PATTERN_TIMEOUT_MS): idle before/after, gap between.</summary>
        public const int PassthroughGuardMs = 20;

        private static readonly byte[] EscapeBytes = { (byte)'+', (byte)'+', (byte)'+' };
        private readonly AutoResetEvent rawData = new AutoResetEvent(false); // bytes came, or passthrough began
        private readonly AutoResetEvent rawRoom = new AutoResetEvent(false); // the reader made room in the ring
        private bool passthroughArmed; // CIPSEND without length is running: its '>' begins passthrough
        private bool passthroughStarting; // the prompt was parsed; the parser stops, the pump then sets passthrough
        private bool passthrough;
        private bool leaveRequested; // LeavePassthrough sent "+++": the pump ends passthrough before its next read
        private readonly AutoResetEvent rawLeft = new AutoResetEvent(false);
        private static readonly byte[] BootBanner = { 13, 10, (byte)'r', (byte)'e', (byte)'a', (byte)'d', (byte)'y', 13, 10 };
        private int bannerMatched; // bytes of BootBanner matched at the end of the raw stream so far
        private long bannerTicks; // when the raw stream last carried BootBanner (0: not since passthrough began)
        private int afterBanner; // bytes since it: a boot prints at most its Wi-Fi lines after ready
        private const int BootTailBytes = 128;

        bool IAtStreamSink.InPassthrough
        {
            get { lock (stateLock) return passthrough || passthroughStarting; }
        }

        /// <summary>True between the passthrough prompt and <see cref="LeavePassthrough"/>: no AT line is parsed then.</summary>
        public bool InPassthrough
        {
            get { lock (stateLock) return passthrough; }
        }

        /// <summary>
        /// Runs <paramref name="command"/> (<c>AT+CIPSEND</c> with <c>AT+CIPMODE=1</c>) and waits for its <c>OK</c> and
        /// <c>&gt;</c>. From the byte after the prompt on, everything the ESP sends is payload for
        /// <see cref="ReadPassthrough"/>: <c>OK</c>, <c>+IPD,</c>, <c>ready</c> inside it are never parsed.
        /// </summary>
        /// <exception cref="AtCommandException">The firmware refused (ERROR), or no prompt came in time.</exception>
        public void EnterPassthrough(AtCommandBuffer command, int timeoutMs)
        {
            lock (commandLock)
            {
                long deadline = DateTime.UtcNow.Ticks + timeoutMs * TimeSpan.TicksPerMillisecond;
                lock (stateLock)
                {
                    passthroughArmed = true;
                    passthrough = false;
                    bannerMatched = 2; // the prompt follows a line end
                    bannerTicks = 0;
                }
                bool entered = false;
                try
                {
                    var code = Exchange(command, null, deadline, timeoutMs, false, null, 0, 0);
                    if (code == AtResultCode.Busy) throw new AtBusyException(Describe(command));
                    while (true) // the OK came; the prompt follows it
                    {
                        lock (stateLock) entered = passthrough;
                        if (entered) return;
                        int left = Remaining(deadline);
                        if (left <= 0) throw new AtTimeoutException(Describe(command), timeoutMs);
                        rawData.WaitOne(left, false);
                    }
                }
                finally
                {
                    if (!entered) lock (stateLock) passthroughArmed = false;
                }
            }
        }

        /// <summary>
        /// Copies up to <paramref name="count"/> passthrough bytes out of the ring; waits up to
        /// <paramref name="timeoutMs"/> for the first. Returns the count, 0 on timeout.
        /// </summary>
        /// <exception cref="InvalidOperationException">Not in passthrough.</exception>
        public int ReadPassthrough(byte[] buffer, int offset, int count, int timeoutMs)
        {
            if (buffer == null) throw new ArgumentNullException("buffer");
            if (offset < 0 || count < 0 || offset + count > buffer.Length) throw new ArgumentOutOfRangeException("count", "offset/count outside the buffer");
            long deadline = DateTime.UtcNow.Ticks + timeoutMs * TimeSpan.TicksPerMillisecond;
            while (true)
            {
                lock (stateLock)
                {
                    if (!passthrough) throw new InvalidOperationException("not in passthrough");
                    if (ring.Count > 0 || count == 0)
                    {
                        int n = ring.ReadShared(buffer, offset, count);
                        rawRoom.Set();
                        return n;
                    }
                }
                int left = Remaining(deadline);
                if (left <= 0) return 0;
                rawData.WaitOne(left, false);
            }
        }

        /// <summary>
        /// Writes passthrough payload to the ESP as it is. A write of nothing but one to three <c>+</c> would look like
        /// the escape to the firmware: those pluses go one by one, more than <see cref="PassthroughGuardMs"/> apart.
        /// </summary>
        /// <exception cref="InvalidOperationException">Not in passthrough.</exception>
        public void WritePassthrough(byte[] buffer, int offset, int count)
        {
            if (buffer == null) throw new ArgumentNullException("buffer");
            if (offset < 0 || count < 0 || offset + count > buffer.Length) throw new ArgumentOutOfRangeException("count", "offset/count outside the buffer");
            lock (commandLock)
            {
                if (!InPassthrough) throw new InvalidOperationException("not in passthrough");
                if (!OnlyPluses(buffer, offset, count))
                {
                    transport.Write(buffer, offset, count);
                    return;
                }
                for (int i = 0; i < count; i++)
                {
                    if (i > 0) Thread.Sleep(PassthroughGuardMs + 5);
                    transport.Write(buffer, offset + i, 1);
                }
            }
        }

        /// <summary>
        /// Leaves passthrough: <paramref name="guardMs"/> of silence, a lone <c>+++</c>, <paramref name="guardMs"/> of
        /// silence again, then the parser owns the UART. Unread payload (and any the peer sent meanwhile) is dropped.
        /// </summary>
        public void LeavePassthrough(int guardMs)
        {
            lock (commandLock)
            {
                if (!InPassthrough) return;
                if (guardMs < PassthroughGuardMs) guardMs = PassthroughGuardMs;
                Thread.Sleep(guardMs);
                if (Trace != null) Trace.Trace(">>", "+++");
                transport.Write(EscapeBytes, 0, EscapeBytes.Length);
                Thread.Sleep(guardMs);
                // The pump hands the UART back between two reads, so no byte of the next command's answer is dropped.
                lock (stateLock) leaveRequested = true;
                rawRoom.Set();
                for (int i = 0; i < 50 && InPassthrough; i++) rawLeft.WaitOne(PumpReadTimeoutMs * 4, false);
                lock (stateLock)
                {
                    if (!passthrough) return;
                    passthrough = false; // no pump (disposed executor): end it here
                    leaveRequested = false;
                    ring.Clear();
                    parser.Reset();
                }
            }
        }

        /// <summary>After the parser stopped at the passthrough prompt: the ring (raw bytes only now) goes to its reader.</summary>
        private void BeginRawIfPrompted()
        {
            lock (stateLock)
            {
                if (!passthroughStarting) return;
                passthroughStarting = false;
                passthrough = true;
            }
            rawData.Set();
        }

        /// <summary>The pump in passthrough: transport into the ring, nothing parsed; waits for room when it is full.</summary>
        private void PumpRaw()
        {
            int offset;
            int room;
            lock (stateLock)
            {
                if (leaveRequested)
                {
                    leaveRequested = false;
                    passthrough = false;
                    ring.Clear(); // unread payload, and whatever came after the "+++" (+QUITT) is dropped
                    parser.Reset();
                    rawLeft.Set();
                    return;
                }
                room = ring.GetWriteSegment(out offset);
            }
            if (room == 0)
            {
                rawRoom.WaitOne(PumpReadTimeoutMs, false);
                return;
            }
            int n = transport.Read(ring.Storage, offset, room, PumpReadTimeoutMs);
            if (n <= 0) return;
            lock (stateLock)
            {
                lastByteTicks = DateTime.UtcNow.Ticks;
                WatchForBanner(ring.Storage, offset, n);
                ring.Commit(n);
            }
            rawData.Set();
        }

        /// <summary>
        /// True when the passthrough stream carried a boot banner's <c>\r\nready\r\n</c>, at most 128 bytes after it,
        /// and then nothing for <paramref name="idleMs"/>: the ESP may have rebooted into command mode (or the payload only looked like
        /// it; the caller asks the firmware). Cleared by <see cref="ClearRebootSuspicion"/> and by entering again.
        /// </summary>
        public bool PassthroughRebootSuspected(int idleMs)
        {
            lock (stateLock)
            {
                if (!passthrough || bannerTicks == 0) return false;
                return DateTime.UtcNow.Ticks - lastByteTicks >= idleMs * TimeSpan.TicksPerMillisecond;
            }
        }

        /// <summary>Forgets a boot banner seen in the passthrough stream (it was payload).</summary>
        public void ClearRebootSuspicion()
        {
            lock (stateLock) bannerTicks = 0;
        }

        // Callers hold stateLock. A banner followed by more than BootTailBytes is payload, not a boot (which prints at
        // most WIFI CONNECTED / WIFI GOT IP after its ready).
        private void WatchForBanner(byte[] data, int offset, int count)
        {
            for (int i = 0; i < count; i++)
            {
                byte b = data[offset + i];
                if (bannerTicks != 0 && ++afterBanner > BootTailBytes) bannerTicks = 0; // a stream went on: payload
                if (b == BootBanner[bannerMatched]) bannerMatched++;
                else bannerMatched = b == 13 ? 1 : 0;
                if (bannerMatched == BootBanner.Length)
                {
                    bannerTicks = DateTime.UtcNow.Ticks;
                    bannerMatched = 0;
                    afterBanner = 0;
                }
            }
        }

        private static bool OnlyPluses(byte[] buffer, int offset, int count)
        {
            if (count == 0 || count > 3) return false;
            for (int i = 0; i < count; i++) if (buffer[offset + i] != (byte)'+') return false;
            return true;
        }
    }
}
