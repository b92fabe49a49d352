namespace Esp32At.Emulator.Transports;

/// <summary>
/// The line-level fault switches of a port (set through <see cref="Core.Faults"/>): drop bytes, split or coalesce the
/// ESP's writes, pause the firmware's UART reads. Not thread-safe (the port's lock guards it).
/// </summary>
internal sealed class LineFaults
{
    private readonly List<byte> gathered = new();
    private int gatherLeft;

    /// <summary>Bytes still to lose on the way to the host / to the ESP.</summary>
    public int DropToHost;
    public int DropToEmulator;

    /// <summary>A host UART overrun to come: after <see cref="OverrunAfter"/> more bytes to the host, <see cref="OverrunLeft"/> are lost.</summary>
    public int OverrunAfter;
    public int OverrunLeft;

    /// <summary>Cuts the armed overrun's bytes out of <paramref name="data"/> (bound for the host); returns how many.</summary>
    public int Overrun(ref byte[] data)
    {
        if (OverrunLeft <= 0) return 0;
        int skip = Math.Min(OverrunAfter, data.Length);
        OverrunAfter -= skip;
        int n = Math.Min(OverrunLeft, data.Length - skip);
        if (n == 0) return 0;
        OverrunLeft -= n;
        data = [.. data[..skip], .. data[(skip + n)..]];
        return n;
    }

    /// <summary>Each ESP write reaches the host in pieces of at most this many bytes, each ending a host read (0 = off).</summary>
    public int SplitSize { get; set; }

    /// <summary>The firmware does not read its UART (bytes pile up in the RX buffer; see <see cref="Core.UartModel"/>).</summary>
    public bool ReceivePaused { get; set; }

    /// <summary>The next <paramref name="writes"/> ESP writes are held and reach the host as one burst.</summary>
    public void Coalesce(int writes)
    {
        gatherLeft = writes;
        gathered.Clear();
    }

    /// <summary>Removes the leading bytes still to drop from <paramref name="data"/>; returns how many were dropped.</summary>
    public static int Drop(ref byte[] data, ref int left)
    {
        int n = Math.Min(left, data.Length);
        if (n == 0) return 0;
        left -= n;
        data = data[n..];
        return n;
    }

    /// <summary>Null while this write is being gathered into a coalesced burst; else what goes on the wire now.</summary>
    public byte[]? Gather(byte[] data)
    {
        if (gatherLeft <= 0) return data;
        gathered.AddRange(data);
        if (--gatherLeft > 0) return null;
        var burst = gathered.ToArray();
        gathered.Clear();
        return burst;
    }

    /// <summary>How a write is cut into pieces for the host (one piece unless splitting).</summary>
    public IEnumerable<byte[]> Split(byte[] data)
    {
        if (SplitSize <= 0 || data.Length <= SplitSize)
        {
            yield return data;
            yield break;
        }
        for (int i = 0; i < data.Length; i += SplitSize) yield return data[i..Math.Min(data.Length, i + SplitSize)];
    }
}
