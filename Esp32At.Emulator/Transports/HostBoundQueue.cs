namespace Esp32At.Emulator.Transports;

/// <summary>
/// The ESP → host bytes in flight or waiting in the host's receive buffer, as pieces: each piece keeps when its bytes
/// arrive (pacing) and whether a host read must end after it (a split write). Not thread-safe (the port's lock guards it).
/// </summary>
internal sealed class HostBoundQueue
{
    private readonly Queue<Piece> pieces = new();

    /// <summary>Bytes not yet read by the host (arrived or still on the wire).</summary>
    public int Count { get; private set; }

    /// <summary>Appends a piece whose first byte starts at <paramref name="start"/> (0 ticks a byte = already there).</summary>
    public void Add(byte[] data, long start, double ticksPerByte, bool endsRead)
    {
        if (data.Length == 0) return;
        pieces.Enqueue(new Piece(data, start, ticksPerByte, endsRead));
        Count += data.Length;
    }

    /// <summary>Bytes the host could read at <paramref name="now"/> (up to the first piece still arriving).</summary>
    public int Available(long now)
    {
        int total = 0;
        foreach (var p in pieces)
        {
            int arrived = p.Arrived(now);
            total += arrived - p.Taken;
            if (arrived < p.Data.Length) break;
        }
        return total;
    }

    /// <summary>
    /// Copies what has arrived by <paramref name="now"/>, up to <paramref name="count"/> bytes and never past a split
    /// boundary; when nothing has arrived yet, <paramref name="nextArrival"/> is the timestamp of the next byte (else 0).
    /// </summary>
    public int Take(byte[] buffer, int offset, int count, long now, out long nextArrival)
    {
        nextArrival = 0;
        int n = 0;
        while (n < count && pieces.Count > 0)
        {
            var p = pieces.Peek();
            int available = p.Arrived(now) - p.Taken;
            if (available <= 0)
            {
                if (n == 0) nextArrival = p.ArrivalOf(p.Taken);
                break;
            }
            int k = Math.Min(available, count - n);
            Array.Copy(p.Data, p.Taken, buffer, offset + n, k);
            p.Taken += k;
            n += k;
            Count -= k;
            if (p.Taken < p.Data.Length) break;
            pieces.Dequeue();
            if (p.EndsRead) break;
        }
        return n;
    }

    private sealed class Piece(byte[] data, long start, double ticksPerByte, bool endsRead)
    {
        public byte[] Data { get; } = data;
        public bool EndsRead { get; } = endsRead;
        public int Taken { get; set; }

        /// <summary>How many of the piece's bytes have arrived at <paramref name="now"/>.</summary>
        public int Arrived(long now)
        {
            if (ticksPerByte <= 0) return Data.Length;
            double arrived = (now - start) / ticksPerByte;
            return arrived <= 0 ? 0 : arrived >= Data.Length ? Data.Length : (int)arrived;
        }

        /// <summary>The timestamp byte <paramref name="index"/> has arrived.</summary>
        public long ArrivalOf(int index) => start + (long)Math.Ceiling((index + 1) * ticksPerByte);
    }
}
