using System;
using System.Threading;

namespace Esp32At.Engine
{
    // Late-answer absorption: after a timeout the line must go quiet before the next command, so a late OK is noise.
    public sealed partial class AtExecutor
    {
        private const int ResyncQuietMs = 100;
        private const int ResyncMaxMs = 1000;

        private long lastByteTicks; // when the pump last received anything
        private int readsCommitted; // reads the pump put into the ring (under stateLock)
        private int readsParsed; // reads the pump has parsed to the end (Interlocked)
        private bool timedOut; // the last exchange timed out: its late answer may still come

        /// <summary>
        /// Raised on the caller's thread when a command timed out (the caller still holds the command lock: handlers
        /// must not call the executor; start a thread instead).
        /// </summary>
        public event AtExecutorEventHandler TimedOut;

        /// <summary>
        /// Waits until nothing has arrived for <paramref name="quietMs"/> (at most <paramref name="maxMs"/>), so that
        /// what the ESP said earlier (a boot banner) is consumed before a reset whose answer must not be confused with it.
        /// </summary>
        public void WaitForQuiet(int quietMs, int maxMs)
        {
            long start = DateTime.UtcNow.Ticks;
            long end = start + maxMs * TimeSpan.TicksPerMillisecond;
            while (DateTime.UtcNow.Ticks < end)
            {
                long last;
                lock (stateLock) last = lastByteTicks > start ? lastByteTicks : start;
                long quietFor = (DateTime.UtcNow.Ticks - last) / TimeSpan.TicksPerMillisecond;
                if (quietFor >= quietMs && transport.BytesAvailable == 0) return;
                Thread.Sleep(quietMs / 4 + 1);
            }
        }

        /// <summary>
        /// True when nothing has arrived for <paramref name="quietTicks"/> (DateTime ticks), nothing waits in the
        /// transport and the pump has parsed everything it read: a URC the ESP sent right behind the last answer has
        /// been handled by now, or it was not sent.
        /// </summary>
        public bool IsQuietFor(long quietTicks)
        {
            long last;
            int committed;
            lock (stateLock)
            {
                last = lastByteTicks;
                committed = readsCommitted;
            }
            if (Interlocked.CompareExchange(ref readsParsed, 0, 0) != committed) return false;
            return DateTime.UtcNow.Ticks - last >= quietTicks && transport.BytesAvailable == 0;
        }

        private AtResultCode Exchange(AtCommandBuffer command, AtResponse response, long deadline, int timeoutMs,
            bool expectPrompt, byte[] payload, int offset, int count)
        {
            if (!Running) throw new InvalidOperationException("the AT executor is not started");
            bool resync;
            lock (stateLock)
            {
                resync = timedOut;
                timedOut = false;
            }
            // A late OK of a command that timed out must not pass for this command's answer: let it arrive as noise first.
            if (resync) WaitForQuiet(ResyncQuietMs, ResyncMaxMs);
            return ExchangeCore(command, response, deadline, timeoutMs, expectPrompt, payload, offset, count);
        }
    }
}
