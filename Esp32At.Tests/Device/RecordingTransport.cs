using System.Text;
using Esp32At.Transport;

namespace Esp32At.Tests.Device;

/// <summary>Passes everything through and records what the host wrote.</summary>
public sealed class RecordingTransport(IAtTransport inner) : IAtTransport, IAtReceiveErrors
{
    private readonly StringBuilder written = new();

    public string Written { get { lock (written) return written.ToString(); } }

    /// <summary>Whether writes are kept (a soak run turns it off, or it would measure the record's own growth).</summary>
    public bool Recording { get; set; } = true;

    /// <summary>
    /// Bytes the inner transport allocated on the writer's thread (the emulator takes writes on the caller's thread;
    /// what it allocates there is not the library's).
    /// </summary>
    public long AllocatedInside { get; private set; }
    public int BytesAvailable => inner.BytesAvailable;
    public int ReceiveErrors => inner is IAtReceiveErrors e ? e.ReceiveErrors : 0;
    public int BaudRate => inner.BaudRate;
    public bool HasResetLine => inner.HasResetLine;
    public void PulseReset(int lowMs) => inner.PulseReset(lowMs);
    public void SetLineSettings(int baudRate, bool hardwareFlowControl) => inner.SetLineSettings(baudRate, hardwareFlowControl);
    public int Read(byte[] buffer, int offset, int count, int timeoutMs) => inner.Read(buffer, offset, count, timeoutMs);

    /// <summary>Called with each write's bytes (as Latin-1 text) before they go on.</summary>
    public Action<string>? OnWrite { get; set; }

    public void Write(byte[] buffer, int offset, int count)
    {
        if (Recording) lock (written) written.Append(Encoding.Latin1.GetString(buffer, offset, count));
        OnWrite?.Invoke(Encoding.Latin1.GetString(buffer, offset, count));
        long start = GC.GetAllocatedBytesForCurrentThread();
        inner.Write(buffer, offset, count);
        AllocatedInside += GC.GetAllocatedBytesForCurrentThread() - start;
    }
}
