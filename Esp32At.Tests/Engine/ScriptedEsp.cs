using System.Text;
using Esp32At.Transport;

namespace Esp32At.Tests.Engine;

/// <summary>
/// A scripted ESP for engine tests: records every byte the host writes and answers each write with what the test's
/// responder returns (delivered in chunks of <see cref="ChunkSize"/> bytes to exercise split reads).
/// </summary>
public sealed class ScriptedEsp : IAtTransport
{
    private readonly object gate = new();
    private readonly Queue<byte> toHost = new();
    private readonly MemoryStream written = new();

    /// <summary>Called with each host write (as Latin-1 text); returns the ESP's reply, or null for none.</summary>
    public Func<string, string?> Responder { get; set; } = _ => null;

    /// <summary>Largest number of bytes one Read returns (1 = byte by byte).</summary>
    public int ChunkSize { get; set; } = int.MaxValue;

    public int BaudRate { get; private set; } = 115200;
    public bool HasResetLine => false;
    public void PulseReset(int lowMs) { }
    public void SetLineSettings(int baudRate, bool hardwareFlowControl) => BaudRate = baudRate;

    /// <summary>Everything the host wrote, as Latin-1 text (bytes map 1:1 to chars).</summary>
    public string Written { get { lock (gate) return Encoding.Latin1.GetString(written.ToArray()); } }

    public int BytesAvailable { get { lock (gate) return toHost.Count; } }

    /// <summary>Makes the ESP emit <paramref name="text"/> (Latin-1) unprompted.</summary>
    public void Emit(string text)
    {
        lock (gate)
        {
            foreach (var b in Encoding.Latin1.GetBytes(text)) toHost.Enqueue(b);
            Monitor.PulseAll(gate);
        }
    }

    public void Write(byte[] buffer, int offset, int count)
    {
        string text;
        lock (gate)
        {
            written.Write(buffer, offset, count);
            text = Encoding.Latin1.GetString(buffer, offset, count);
        }
        var reply = Responder(text);
        if (reply != null) Emit(reply);
    }

    public int Read(byte[] buffer, int offset, int count, int timeoutMs)
    {
        lock (gate)
        {
            if (toHost.Count == 0 && timeoutMs > 0) Monitor.Wait(gate, timeoutMs);
            int n = Math.Min(Math.Min(count, toHost.Count), ChunkSize);
            for (int i = 0; i < n; i++) buffer[offset + i] = toHost.Dequeue();
            return n;
        }
    }
}
