using Esp32At.Transport;

namespace Esp32At.Benchmarks.Line;

/// <summary>
/// An <see cref="IAtTransport"/> wrapper that counts what crosses the UART: host writes (each one is a command line or a
/// payload the host then waits an answer for, so one UART round trip) and bytes in both directions. Counts are
/// deterministic for a given exchange, unlike times. A long write reaches the emulator in pieces of
/// <see cref="WritePiece"/> bytes, as a UART driver streams it, so the ESP can act on the first bytes before the last
/// are on the wire (CIPSENDL); a piece is not counted as a write of its own.
/// </summary>
public sealed class CountingTransport(IAtTransport inner) : IAtTransport
{
    private long writes;
    private long bytesOut;
    private long bytesIn;
    [ThreadStatic] private static long allocatedInside;

    /// <summary>
    /// Bytes the wrapped transport allocated on the calling thread so far (the emulator's in-process port copies each
    /// write), so an allocation measurement can tell the library's own allocations from the test bed's.
    /// </summary>
    public static long AllocatedInsideOnThisThread => allocatedInside;

    /// <summary>The largest piece handed to the emulator at once.</summary>
    public int WritePiece { get; init; } = 2048;

    /// <summary>The counters now.</summary>
    public WireCount Snapshot() => new(Interlocked.Read(ref writes), Interlocked.Read(ref bytesOut), Interlocked.Read(ref bytesIn));

    public void Write(byte[] buffer, int offset, int count)
    {
        Interlocked.Increment(ref writes);
        Interlocked.Add(ref bytesOut, count);
        while (count > 0)
        {
            int piece = Math.Min(count, WritePiece);
            long before = GC.GetAllocatedBytesForCurrentThread();
            inner.Write(buffer, offset, piece);
            allocatedInside += GC.GetAllocatedBytesForCurrentThread() - before;
            offset += piece;
            count -= piece;
        }
    }

    public int Read(byte[] buffer, int offset, int count, int timeoutMs)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        int n = inner.Read(buffer, offset, count, timeoutMs);
        allocatedInside += GC.GetAllocatedBytesForCurrentThread() - before;
        if (n > 0) Interlocked.Add(ref bytesIn, n);
        return n;
    }

    public int BytesAvailable => inner.BytesAvailable;
    public int BaudRate => inner.BaudRate;
    public void SetLineSettings(int baudRate, bool hardwareFlowControl) => inner.SetLineSettings(baudRate, hardwareFlowControl);
    public bool HasResetLine => inner.HasResetLine;
    public void PulseReset(int lowMs) => inner.PulseReset(lowMs);
}

/// <summary>UART traffic: host writes (round trips), bytes host→ESP, bytes ESP→host.</summary>
public readonly record struct WireCount(long Writes, long BytesOut, long BytesIn)
{
    public static WireCount operator -(WireCount a, WireCount b) => new(a.Writes - b.Writes, a.BytesOut - b.BytesOut, a.BytesIn - b.BytesIn);
}
