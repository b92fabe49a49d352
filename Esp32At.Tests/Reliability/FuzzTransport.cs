using Esp32At.Transport;

namespace Esp32At.Tests.Reliability;

/// <summary>
/// A transport whose ESP answers each host write with the next of a list of byte chunks (fuzzed output), and
/// records what the host wrote.
/// </summary>
public sealed class FuzzTransport(byte[][] answers) : IAtTransport
{
    private readonly object gate = new();
    private readonly Queue<byte> toHost = new();
    private readonly Queue<byte[]> pending = new(answers);

    public int Writes { get; private set; }
    public int BytesAvailable { get { lock (gate) return toHost.Count; } }
    public int BaudRate => 115200;
    public bool HasResetLine => false;
    public void PulseReset(int lowMs) { }
    public void SetLineSettings(int baudRate, bool hardwareFlowControl) { }

    /// <summary>The ESP answers a later host write (after the queued answers) with <paramref name="text"/>.</summary>
    public void AnswerNextWrite(string text)
    {
        lock (gate) pending.Enqueue(System.Text.Encoding.Latin1.GetBytes(text));
    }

    /// <summary>Queues bytes for the host now.</summary>
    public void Emit(byte[] bytes)
    {
        lock (gate)
        {
            foreach (var b in bytes) toHost.Enqueue(b);
            Monitor.PulseAll(gate);
        }
    }

    public void Write(byte[] buffer, int offset, int count)
    {
        byte[]? answer = null;
        lock (gate)
        {
            Writes++;
            if (pending.Count > 0) answer = pending.Dequeue();
        }
        if (answer is not null) Emit(answer);
    }

    public int Read(byte[] buffer, int offset, int count, int timeoutMs)
    {
        lock (gate)
        {
            if (toHost.Count == 0 && timeoutMs > 0) Monitor.Wait(gate, timeoutMs);
            int n = Math.Min(count, toHost.Count);
            for (int i = 0; i < n; i++) buffer[offset + i] = toHost.Dequeue();
            return n;
        }
    }
}
