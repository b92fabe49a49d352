using Esp32At.Benchmarks.Line;
using Esp32At.Benchmarks.Peers;

namespace Esp32At.Benchmarks.Scenarios;

/// <summary>
/// Bytes the application's thread allocates per steady-state <see cref="Links.ConnectionTable.Send"/> and
/// <see cref="Links.ConnectionTable.Receive"/> (after warm-up, <see cref="GC.GetAllocatedBytesForCurrentThread"/>).
/// The pump thread is not included (it parses into the preallocated ring). What the emulator's in-process port
/// allocates inside <c>Write</c> on the same thread is counted apart (<see cref="CountingTransport.AllocatedInsideOnThisThread"/>):
/// a UART driver on the device does not copy.
/// </summary>
public static class Allocation
{
    private const int SendSize = 64;
    private const int ReadSize = 256;
    private const int Warmup = 20;

    public static AllocationResult Run(BenchRig rig, int operations)
    {
        double send, sendTransport;
        using (var sink = new BulkSink())
        {
            int link = rig.Links.OpenTcp("127.0.0.1", sink.Port);
            var payload = Pattern.Block(SendSize);
            for (int i = 0; i < Warmup; i++) rig.Links.Send(link, payload, 0, SendSize);
            var before = Allocated.Now();
            for (int i = 0; i < operations; i++) rig.Links.Send(link, payload, 0, SendSize);
            (send, sendTransport) = Allocated.Since(before, operations);
            rig.Links.Close(link);
        }
        double receive, receiveTransport;
        using (var source = new BulkSource((long)(operations + Warmup) * ReadSize))
        {
            int link = rig.Links.OpenTcp("127.0.0.1", source.Port);
            var buffer = new byte[ReadSize];
            long count = 0;
            // Full reads only, so every measured call moves the same bytes.
            for (int i = 0; i < Warmup; i++) count += rig.Links.Receive(link, buffer, 0, ReadSize, 15000);
            var before = Allocated.Now();
            int calls = 0;
            while (calls < operations)
            {
                count += rig.Links.Receive(link, buffer, 0, ReadSize, 15000);
                calls++;
            }
            (receive, receiveTransport) = Allocated.Since(before, calls);
            rig.Links.Close(link);
        }
        return new AllocationResult(rig.Profile.Name, rig.Baud, operations, send, receive, sendTransport, receiveTransport, rig.RingHighWater);
    }

    private static class Allocated
    {
        public static (long Total, long Transport) Now() => (GC.GetAllocatedBytesForCurrentThread(), CountingTransport.AllocatedInsideOnThisThread);

        /// <summary>Library bytes per operation (all minus the transport's) and the transport's bytes per operation.</summary>
        public static (double Library, double Transport) Since((long Total, long Transport) before, int operations)
        {
            var now = Now();
            long transport = now.Transport - before.Transport;
            return ((double)(now.Total - before.Total - transport) / operations, (double)transport / operations);
        }
    }
}
