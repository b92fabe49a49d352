using System;

namespace Esp32At.Links
{
    /// <summary>
    /// The moment a wait of some milliseconds ends, for loops that wait in slices (to see a close from another thread,
    /// or to reconcile) and must still end on time. A negative timeout never ends.
    /// </summary>
    public struct Deadline
    {
        private readonly long endTicks;

        private Deadline(long endTicks)
        {
            this.endTicks = endTicks;
        }

        /// <summary>The deadline <paramref name="timeoutMs"/> from now; negative: none (waits forever).</summary>
        public static Deadline After(int timeoutMs)
        {
            return new Deadline(timeoutMs < 0 ? long.MaxValue : DateTime.UtcNow.Ticks + (long)timeoutMs * TimeSpan.TicksPerMillisecond);
        }

        /// <summary>Whether this deadline never passes (made from a negative timeout).</summary>
        public bool IsInfinite { get { return endTicks == long.MaxValue; } }

        /// <summary>Whether the deadline has been reached.</summary>
        public bool Passed { get { return !IsInfinite && DateTime.UtcNow.Ticks >= endTicks; } }

        /// <summary>Milliseconds left (0 once passed; <see cref="int.MaxValue"/> for no deadline).</summary>
        public int RemainingMs
        {
            get
            {
                if (IsInfinite) return int.MaxValue;
                long left = (endTicks - DateTime.UtcNow.Ticks) / TimeSpan.TicksPerMillisecond;
                return left <= 0 ? 0 : left > int.MaxValue ? int.MaxValue : (int)left;
            }
        }

        /// <summary>The next wait of a sliced loop: what is left, but at most <paramref name="maxSliceMs"/>.</summary>
        public int Slice(int maxSliceMs)
        {
            int left = RemainingMs;
            return left < maxSliceMs ? left : maxSliceMs;
        }
    }
}
