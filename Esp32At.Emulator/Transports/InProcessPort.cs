namespace Esp32At.Emulator.Transports;

/// <summary>
/// An in-process duplex byte line between a host (the driver under test) and the emulator. Each host write reaches
/// the emulator as one chunk, the way a UART read delivers a burst; emulator output is buffered for the host.
/// </summary>
public sealed class InProcessPort
{
    private readonly object gate = new();
    private readonly Queue<byte> toHost = new();
    private readonly Queue<byte[]> toEmulator = new();

    /// <summary>Baud rate the emulated ESP currently runs its UART at.</summary>
    public int EmulatorBaud { get { lock (gate) return emulatorBaud; } internal set { lock (gate) emulatorBaud = value; } }
    private int emulatorBaud = 115200;

    /// <summary>Baud rate the host side is set to; when it differs from <see cref="EmulatorBaud"/>, bytes are garbled.</summary>
    public int HostBaud { get; set; } = 115200;

    /// <summary>Bytes waiting for the host.</summary>
    public int BytesAvailable { get { lock (gate) return toHost.Count; } }

    /// <summary>Host side: sends bytes to the emulator.</summary>
    public void HostWrite(byte[] buffer, int offset, int count)
    {
        var chunk = new byte[count];
        Array.Copy(buffer, offset, chunk, 0, count);
        lock (gate)
        {
            if (HostBaud != emulatorBaud) Garble(chunk);
            toEmulator.Enqueue(chunk);
            Monitor.PulseAll(gate);
        }
    }

    /// <summary>Host side: reads up to <paramref name="count"/> bytes, waiting up to <paramref name="timeoutMs"/> for the first.</summary>
    public int HostRead(byte[] buffer, int offset, int count, int timeoutMs)
    {
        lock (gate)
        {
            var deadline = DateTime.UtcNow.AddMilliseconds(timeoutMs);
            while (toHost.Count == 0)
            {
                var left = deadline - DateTime.UtcNow;
                if (left <= TimeSpan.Zero) return 0;
                Monitor.Wait(gate, left);
            }
            int n = Math.Min(count, toHost.Count);
            for (int i = 0; i < n; i++) buffer[offset + i] = toHost.Dequeue();
            return n;
        }
    }

    /// <summary>Emulator side: writes bytes to the host in one piece (URCs are single writes on the real firmware).</summary>
    internal void EmulatorWrite(byte[] bytes, int? thenSwitchTo = null)
    {
        var copy = (byte[])bytes.Clone();
        lock (gate)
        {
            if (HostBaud != emulatorBaud) Garble(copy);
            foreach (var b in copy) toHost.Enqueue(b);
            // The new rate applies once these bytes are out (uart_wait_tx_done), atomically with respect to the host.
            if (thenSwitchTo is int baud) EmulatorBaud = baud;
            Monitor.PulseAll(gate);
        }
    }

    /// <summary>Emulator side: the next chunk the host wrote, or null after <paramref name="timeoutMs"/>.</summary>
    internal byte[]? EmulatorRead(int timeoutMs)
    {
        lock (gate)
        {
            if (toEmulator.Count == 0) Monitor.Wait(gate, timeoutMs);
            return toEmulator.Count > 0 ? toEmulator.Dequeue() : null;
        }
    }

    /// <summary>What a receiver at the wrong baud rate sees: every byte corrupted.</summary>
    private static void Garble(byte[] bytes)
    {
        for (int i = 0; i < bytes.Length; i++) bytes[i] = (byte)(bytes[i] ^ 0xA5 | 0x80);
    }
}
