namespace Esp32At.Benchmarks.Line;

/// <summary>
/// Bytes the calling thread allocated between two points, less what the emulator's in-process port allocated inside
/// the transport on that thread (it copies each write; a device UART driver does not): the library's own allocations,
/// as the allocation columns of every table give them per operation.
/// </summary>
public readonly record struct AllocationMeter(long Total, long Transport)
{
    public static AllocationMeter Start() => new(GC.GetAllocatedBytesForCurrentThread(), CountingTransport.AllocatedInsideOnThisThread);

    /// <summary>Library bytes per operation since <see cref="Start"/>.</summary>
    public double PerOperation(long operations) => operations <= 0 ? 0 : (double)Library() / operations;

    /// <summary>Library bytes since <see cref="Start"/>.</summary>
    public long Library()
    {
        var now = Start();
        return now.Total - Total - (now.Transport - Transport);
    }

    /// <summary>Transport (emulator port) bytes per operation since <see cref="Start"/>.</summary>
    public double TransportPerOperation(long operations) => operations <= 0 ? 0 : (double)(CountingTransport.AllocatedInsideOnThisThread - Transport) / operations;
}
