using Esp32At.Hosting;

namespace Esp32At.Tests.Demos;

/// <summary>An in-memory <see cref="ISerialLine"/>: tests feed "received" bytes and read what was written and how the control lines moved.</summary>
public sealed class FakeSerialLine : ISerialLine
{
    private readonly Queue<byte> received = new();
    private readonly AutoResetEvent arrived = new(false);
    private bool rts;
    private bool dtr;

    public List<byte> Written { get; } = [];
    /// <summary>Every control-line change, e.g. "DTR=1".</summary>
    public List<string> LineLog { get; } = [];
    public int WaitCalls { get; private set; }

    public void Feed(params byte[] bytes)
    {
        lock (received) foreach (var b in bytes) received.Enqueue(b);
        arrived.Set();
    }

    public int BytesToRead { get { lock (received) return received.Count; } }

    /// <summary>Receive errors reported so far (<see cref="FeedAfterError"/>).</summary>
    public int ReceiveErrors { get; private set; }

    /// <summary>A receive error (bytes lost before these), then <paramref name="bytes"/>: the error counts before they can be read.</summary>
    public void FeedAfterError(params byte[] bytes)
    {
        lock (received) ReceiveErrors++;
        Feed(bytes);
    }

    public int Read(byte[] buffer, int offset, int count)
    {
        lock (received)
        {
            int n = 0;
            while (n < count && received.Count > 0) buffer[offset + n++] = received.Dequeue();
            return n;
        }
    }

    public void Write(byte[] buffer, int offset, int count) => Written.AddRange(buffer.Skip(offset).Take(count));

    public bool WaitForData(int timeoutMs)
    {
        WaitCalls++;
        return arrived.WaitOne(timeoutMs);
    }

    public int BaudRate { get; set; } = 115200;
    public bool RtsCts { get; set; }

    public bool Rts
    {
        get => rts;
        set { rts = value; LineLog.Add("RTS=" + (value ? 1 : 0)); }
    }

    public bool Dtr
    {
        get => dtr;
        set { dtr = value; LineLog.Add("DTR=" + (value ? 1 : 0)); }
    }

    public bool Disposed { get; private set; }
    public void Dispose() => Disposed = true;
}
