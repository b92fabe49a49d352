using Esp32At.Emulator.Core;

namespace Esp32At.Emulator.Commands;

/// <summary>
/// CIPSENDL data (spec §2.3): up to 2^31-1 bytes that the command sends while they still arrive, so the UART input is
/// handed over chunk by chunk instead of collected.
/// </summary>
public sealed class StreamingDataEntry(long length) : DataEntry
{
    private readonly object gate = new();
    private readonly Queue<byte[]> chunks = new();
    private long arrived;

    public override bool Complete { get { lock (gate) return arrived == length; } }

    public override int Accept(byte[] chunk, long arrivedMs)
    {
        lock (gate)
        {
            int n = (int)Math.Min(chunk.Length, length - arrived);
            chunks.Enqueue(chunk[..n]);
            arrived += n;
            Monitor.PulseAll(gate);
            return n;
        }
    }

    /// <summary>The next chunk, or null when <paramref name="timeoutMs"/> passed or the entry was cancelled with none waiting.</summary>
    public byte[]? Next(int timeoutMs)
    {
        lock (gate)
        {
            if (chunks.Count == 0 && !Canceled) Monitor.Wait(gate, timeoutMs);
            return chunks.Count > 0 ? chunks.Dequeue() : null;
        }
    }

    protected override void OnCanceled()
    {
        lock (gate) Monitor.PulseAll(gate);
    }
}
