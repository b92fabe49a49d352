using Esp32At.Device;
using Esp32At.Emulator.Core;
using Esp32At.Hosting;
using Esp32At.Links;
using Esp32At.Tests.Device;
using Esp32At.Tests.EmulatorNet;
using Esp32At.Transport;
using System.Diagnostics;

namespace Esp32At.Tests.Links;

/// <summary>
/// Passive TCP reads of 1 KiB, served mostly from the read-ahead buffer, allocate nothing on the reader's thread from
/// the first read on (issue 16, target 5): the staging buffer comes with the link's open, not with its first read.
/// </summary>
public class PassiveReadAllocationTests
{
    private const int Total = 256 * 1024;

    /// <summary>Passes everything through; counts the host's writes (without allocating) and what the emulator allocated in them.</summary>
    private sealed class CountingWrites(IAtTransport inner) : IAtTransport
    {
        public int Writes;
        public long AllocatedInside;
        public int BytesAvailable => inner.BytesAvailable;
        public int BaudRate => inner.BaudRate;
        public bool HasResetLine => inner.HasResetLine;
        public void PulseReset(int lowMs) => inner.PulseReset(lowMs);
        public void SetLineSettings(int baudRate, bool hardwareFlowControl) => inner.SetLineSettings(baudRate, hardwareFlowControl);
        public int Read(byte[] buffer, int offset, int count, int timeoutMs) => inner.Read(buffer, offset, count, timeoutMs);

        public void Write(byte[] buffer, int offset, int count)
        {
            Writes++;
            long start = GC.GetAllocatedBytesForCurrentThread();
            inner.Write(buffer, offset, count);
            AllocatedInside += GC.GetAllocatedBytesForCurrentThread() - start;
        }
    }

    /// <summary>The reads that allocated: index, bytes, commands written, microseconds.</summary>
    private static string Allocating(long[,] perRead, int reads)
    {
        var text = new System.Text.StringBuilder();
        int shown = 0, more = 0;
        for (int i = 0; i < reads; i++)
        {
            if (perRead[i, 0] == 0) continue;
            if (shown++ < 10) text.Append($"read {i}: {perRead[i, 0]} B, {perRead[i, 1]} commands, {perRead[i, 2]} us; ");
            else more++;
        }
        if (more > 0) text.Append($"and {more} more");
        return text.ToString();
    }

    [Theory]
    [InlineData(1024)]
    [InlineData(100)]
    public void ALoopOfSmallPassiveReadsAllocatesNothingFromTheFirstRead(int readSize)
    {
        var data = new byte[Total];
        new Random(11).NextBytes(data);
        using var server = new LoopbackServer(s =>
        {
            s.Write(data, 0, data.Length);
            try { while (s.Read(new byte[64], 0, 64) > 0) { } } catch (IOException) { }
        });
        using var emulator = new EspEmulator(new EmulatorOptions { SpeedFactor = 0, BootTimeMs = 0 });
        var wire = new CountingWrites(new EmulatorTransport(emulator));
        using var device = new Esp32AtDevice(wire, new Esp32AtOptions());
        device.Initialize();
        device.Executor.Execute("AT+CWMODE=1", 2000);
        device.Executor.Execute("AT+CWJAP=\"Home\",\"secret-pass\"", 5000, resendOnBusy: false);
        var links = new ConnectionTable(device);
        int id = links.OpenTcp("127.0.0.1", server.Port);
        var buffer = new byte[readSize];
        var got = new byte[Total];

        // Per read: bytes allocated, commands written, microseconds taken (preallocated: recording allocates nothing).
        var perRead = new long[Total, 3];
        int at = 0, reads = 0, writesBefore = wire.Writes;
        long emulatorBefore = wire.AllocatedInside;
        long before = ThreadAllocations.Start();
        while (at < Total)
        {
            long readStart = GC.GetAllocatedBytesForCurrentThread(), insideStart = wire.AllocatedInside, started = Stopwatch.GetTimestamp();
            int writesStart = wire.Writes;
            int n = links.Receive(id, buffer, 0, buffer.Length, 5000);
            perRead[reads, 0] = GC.GetAllocatedBytesForCurrentThread() - readStart - (wire.AllocatedInside - insideStart);
            perRead[reads, 1] = wire.Writes - writesStart;
            perRead[reads, 2] = (Stopwatch.GetTimestamp() - started) * 1_000_000 / Stopwatch.Frequency;
            Assert.True(n > 0);
            Buffer.BlockCopy(buffer, 0, got, at, n);
            at += n;
            reads++;
        }
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before - (wire.AllocatedInside - emulatorBefore);
        int commands = wire.Writes - writesBefore;

        Assert.Equal(data, got);
        Assert.True(commands * 4 < reads, $"{commands} AT+CIPRECVDATA for {reads} reads: read-ahead was not used");
        Assert.True(allocated == 0, $"{allocated} B allocated in {reads} reads: {Allocating(perRead, reads)}");
        links.Close(id);
    }
}
