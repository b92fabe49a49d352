namespace Esp32At.Demos.Mqtt
{
    /// <summary>
    /// Publish→echo round trips: the send time of each recent reading by its sequence number, and when its echo comes
    /// back (the board subscribes to its own telemetry topic) the time it took: last, minimum, mean and maximum.
    /// </summary>
    public sealed class RoundTrips
    {
        private const int Slots = 64;
        private readonly long[] sentTicks = new long[Slots];
        private readonly int[] sentSeq = new int[Slots];
        private readonly object gate = new object();
        private long sum;

        public RoundTrips()
        {
            for (int i = 0; i < Slots; i++) sentSeq[i] = -1;
        }

        /// <summary>Echoes matched to a reading sent.</summary>
        public int Count { get; private set; }

        /// <summary>Echoes that matched no reading in the window (duplicates, or older than 64 readings).</summary>
        public int Unmatched { get; private set; }

        public long LastTicks { get; private set; }
        public long MinTicks { get; private set; }
        public long MaxTicks { get; private set; }
        public long MeanTicks { get { lock (gate) return Count == 0 ? 0 : sum / Count; } }

        /// <summary>Reading <paramref name="seq"/> goes out now.</summary>
        public void Sent(int seq, long nowTicks)
        {
            lock (gate)
            {
                sentSeq[seq % Slots] = seq;
                sentTicks[seq % Slots] = nowTicks;
            }
        }

        /// <summary>The echo of reading <paramref name="seq"/> arrived; false when it matched no reading sent.</summary>
        public bool Echoed(int seq, long nowTicks)
        {
            lock (gate)
            {
                int slot = seq % Slots;
                if (seq < 0 || sentSeq[slot] != seq)
                {
                    Unmatched++;
                    return false;
                }
                sentSeq[slot] = -1;
                long rtt = nowTicks - sentTicks[slot];
                LastTicks = rtt;
                if (Count == 0 || rtt < MinTicks) MinTicks = rtt;
                if (rtt > MaxTicks) MaxTicks = rtt;
                sum += rtt;
                Count++;
                return true;
            }
        }

        /// <summary>"min/mean/max" in ms, or "-" before the first echo.</summary>
        public string Summary()
        {
            lock (gate) return Count == 0 ? "-" : Units.Ms(MinTicks) + "/" + Units.Ms(sum / Count) + "/" + Units.Ms(MaxTicks) + " ms";
        }
    }
}
