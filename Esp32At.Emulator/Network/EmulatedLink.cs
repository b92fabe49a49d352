using System.Net;
using System.Net.Sockets;

namespace Esp32At.Emulator.Network;

/// <summary>
/// One ESP-AT link (id 0-4) backed by a real loopback socket. In passive mode received bytes wait in a buffer
/// capped at the firmware's 5760-byte TCP window (the real socket is not read further, so the peer is flow-controlled).
/// </summary>
public sealed class EmulatedLink
{
    /// <summary>lwIP's default TCP receive window on ESP-AT (spec §4).</summary>
    public const int ReceiveWindow = 5760;

    private readonly object gate = new();
    private readonly Queue<byte> pending = new();

    public EmulatedLink(int id, string type, Socket socket, IPEndPoint remote, bool isServer)
    {
        Id = id;
        Type = type;
        Socket = socket;
        Remote = remote;
        IsServer = isServer;
    }

    public int Id { get; }
    public string Type { get; }
    public Socket Socket { get; }
    public IPEndPoint Remote { get; }
    public bool IsServer { get; }
    public int LocalPort => ((IPEndPoint)Socket.LocalEndPoint!).Port;

    /// <summary>The peer closed; CLOSED is reported once the buffered data was read (passive mode).</summary>
    public bool RemoteClosed { get; set; }

    private bool notified; // a passive notice went out and no read followed yet

    public int Buffered { get { lock (gate) return pending.Count; } }

    /// <summary>
    /// Appends received bytes (caller keeps the total under <see cref="ReceiveWindow"/>); returns the total to announce
    /// in a passive notice, or -1 when a notice is already outstanding (one notice until the host reads, spec §3).
    /// </summary>
    public int Buffer(byte[] data, int count)
    {
        lock (gate)
        {
            for (int i = 0; i < count; i++) pending.Enqueue(data[i]);
            if (notified) return -1;
            notified = true;
            return pending.Count;
        }
    }

    /// <summary>After a host read: the remaining total to re-announce, or 0 (and no notice outstanding) when drained.</summary>
    public int AfterRead()
    {
        lock (gate)
        {
            notified = pending.Count > 0;
            return pending.Count;
        }
    }

    /// <summary>Takes up to <paramref name="max"/> buffered bytes.</summary>
    public byte[] Take(int max)
    {
        lock (gate)
        {
            var n = Math.Min(max, pending.Count);
            var result = new byte[n];
            for (int i = 0; i < n; i++) result[i] = pending.Dequeue();
            Monitor.PulseAll(gate);
            return result;
        }
    }

    /// <summary>Waits until the window has room for more data (or <paramref name="timeoutMs"/> passed).</summary>
    public void WaitForRoom(int timeoutMs)
    {
        lock (gate)
        {
            if (pending.Count >= ReceiveWindow) Monitor.Wait(gate, timeoutMs);
        }
    }
}
