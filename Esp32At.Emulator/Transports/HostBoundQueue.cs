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

    /// <summary>
    /// A host whose receive buffer holds <paramref name="capacity"/> bytes and that reads nothing while it is full (no
    /// flow control to stop the sender): every byte that arrived beyond it by <paramref name="now"/> is lost, as a UART
    /// driver drops bytes on a full buffer. Returns how many were dropped now.
    /// </summary>
    public int DropOverrun(long now, int capacity)
    {
        int unread = 0;
        int dropped = 0;
        foreach (var p in pieces)
        {
            int arrived = p.Arrived(now);
            int here = arrived - p.Taken;
            int keep = Math.Max(0, Math.Min(here, capacity - unread));
            unread += keep;
            if (keep < here) dropped += p.Cut(p.Taken + keep, arrived);
            if (arrived < p.Data.Length) break;
        }
        if (dropped == 0) return 0;
        Count -= dropped;
        // Pieces the cut left with nothing unread are finished.
        int n = pieces.Count;
        for (int i = 0; i < n; i++)
        {
            var p = pieces.Dequeue();
            if (p.Taken < p.Data.Length) pieces.Enqueue(p);
        }
        return dropped;
    }

    private sealed class Piece(byte[] data, long start, double ticksPerByte, bool endsRead)
    {
        public byte[] Data { get; private set; } = data;
        public bool EndsRead { get; } = endsRead;
        public int Taken { get; set; }
        private int shift; // bytes cut out (lost) before the arrival frontier: later bytes keep their wire times

        /// <summary>How many of the piece's (remaining) bytes have arrived at <paramref name="now"/>.</summary>
        public int Arrived(long now)
        {
            if (ticksPerByte <= 0) return Data.Length;
            double arrived = (now - start) / ticksPerByte - shift;
            return arrived <= 0 ? 0 : arrived >= Data.Length ? Data.Length : (int)arrived;
        }

        /// <summary>The timestamp byte <paramref name="index"/> has arrived.</summary>
        public long ArrivalOf(int index) => start + (long)Math.Ceiling((index + shift + 1) * ticksPerByte);

        /// <summary>Removes bytes [<paramref name="from"/>, <paramref name="to"/>) (all arrived); returns how many.</summary>
        public int Cut(int from, int to)
        {
            int n = to - from;
            if (n <= 0) return 0;
            var rest = new byte[Data.Length - n];
            Array.Copy(Data, 0, rest, 0, from);
            Array.Copy(Data, to, rest, from, Data.Length - to);
            Data = rest;
            shift += n;
            return n;
        }
    }
}
