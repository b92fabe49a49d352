using System.Net.Sockets;
using System.Text;

namespace Esp32At.Tests.EmulatorNet;

/// <summary>What a scripted loopback peer received, readable from the test thread with bounded waits.</summary>
public sealed class ReceivedBytes
{
    private readonly object gate = new();
    private readonly List<byte> bytes = new();

    /// <summary>A <see cref="LoopbackServer"/> script: records everything; echoes it when <paramref name="echo"/>.</summary>
    public Action<NetworkStream> Serve(bool echo = false) => s =>
    {
        var b = new byte[8192];
        int n;
        while ((n = s.Read(b, 0, b.Length)) > 0)
        {
            Add(b, n);
            if (echo) s.Write(b, 0, n);
        }
    };

    public void Add(byte[] data, int count)
    {
        lock (gate)
        {
            bytes.AddRange(data.AsSpan(0, count).ToArray());
            Monitor.PulseAll(gate);
        }
    }

    public int Count { get { lock (gate) return bytes.Count; } }

    public string Text { get { lock (gate) return Encoding.Latin1.GetString(bytes.ToArray()); } }

    /// <summary>Waits until at least <paramref name="count"/> bytes arrived (fails after 5 s) and returns all so far.</summary>
    public string WaitFor(int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        lock (gate)
        {
            while (bytes.Count < count)
            {
                var left = deadline - DateTime.UtcNow;
                Assert.True(left > TimeSpan.Zero, $"peer got {bytes.Count} of {count} bytes");
                Monitor.Wait(gate, left);
            }
            return Encoding.Latin1.GetString(bytes.ToArray());
        }
    }
}
