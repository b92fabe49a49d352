using System.Net;

namespace Esp32At.Emulator.Network;

/// <summary>How a UDP link's remote follows incoming datagrams (CIPSTART UDP <c>&lt;mode&gt;</c>, spec §2.3).</summary>
public enum UdpRemoteMode { Fixed = 0, ChangeOnce = 1, ChangeAlways = 2 }

/// <summary>
/// One ESP-AT link (id 0-4) backed by a real loopback socket. In passive mode received bytes wait in a buffer
/// capped at the firmware's 5760-byte TCP window (the real socket is not read further, so the peer is flow-controlled);
/// UDP datagrams beyond the mailbox are dropped.
/// </summary>
public sealed class EmulatedLink
{
    /// <summary>lwIP's default TCP receive window on ESP-AT (spec §4).</summary>
    public const int ReceiveWindow = 5760;

    /// <summary>
    /// One closer owns the close (set under the link table's lock): it writes CLOSED, then frees the id. Once set, the
    /// reader's end-of-stream is not a peer close.
    /// </summary>
    internal volatile bool Closing;

    /// <summary>
    /// Bytes a TLS 1.2 record adds to its plaintext with AES-GCM: 5 header, 8 explicit nonce, 16 tag. Counted once per
    /// received read, which is one record for records up to 2920 bytes (an approximation for larger ones).
    /// </summary>
    public const int TlsRecordOverhead = 29;

    private readonly object gate = new();
    private readonly ReceiveBuffer pending;
    private bool reading; // a CIPRECVDATA is between its take and its final result (AfterRead)
    private bool remoteClosed;
    private bool notified; // a passive notice went out and no read followed yet
    private int undecrypted; // SSL quirk: encrypted overhead counted in the lengths until the next read
    private bool remoteChanged;
    private IPEndPoint remote;

    public EmulatedLink(int id, string type, LinkChannel channel, IPEndPoint remote, int localPort, bool isServer, UdpRemoteMode udpMode = UdpRemoteMode.Fixed)
    {
        Id = id;
        Type = type;
        Channel = channel;
        this.remote = remote;
        LocalPort = localPort;
        IsServer = isServer;
        UdpMode = udpMode;
        pending = new ReceiveBuffer(channel.IsDatagram);
        Touch();
    }

    public int Id { get; }
    /// <summary>TCP, UDP or SSL, as CIPSTATE prints it.</summary>
    public string Type { get; }
    public LinkChannel Channel { get; }
    public bool IsDatagram => Channel.IsDatagram;
    /// <summary>An SSL or SSLv6 link.</summary>
    public bool IsSsl => Type is "SSL" or "SSLv6";
    /// <summary>The peer (UDP: where sends go; it may follow senders, see <see cref="UdpMode"/>).</summary>
    public IPEndPoint Remote { get { lock (gate) return remote; } }
    /// <summary>The ESP-side local port (a server link: the server's port).</summary>
    public int LocalPort { get; }
    public bool IsServer { get; }
    public UdpRemoteMode UdpMode { get; }

    /// <summary>The peer closed; CLOSED is reported once the buffered data was read (passive mode).</summary>
    public bool RemoteClosed { get { lock (gate) return remoteClosed; } }

    /// <summary>
    /// The peer closed (its FIN arrived): true when CLOSED is due now, i.e. nothing is buffered and no CIPRECVDATA is
    /// between its take and its final result (then <see cref="AfterRead"/> reports it, after the answer's OK).
    /// </summary>
    public bool PeerClosed()
    {
        lock (gate)
        {
            remoteClosed = true;
            return pending.Count == 0 && !reading;
        }
    }

    /// <summary>Last traffic in either direction (<see cref="Environment.TickCount64"/>), for the CIPSTO idle timeout.</summary>
    public long LastActivity { get; private set; }

    public void Touch() => LastActivity = Environment.TickCount64;

    public int Buffered { get { lock (gate) return pending.Count; } }

    /// <summary>The length passive mode reports (notice, CIPRECVLEN): <see cref="Buffered"/>, plus the encrypted overhead under the SSL quirk.</summary>
    public int Reported { get { lock (gate) return pending.Count + undecrypted; } }

    /// <summary>A UDP datagram came from <paramref name="from"/>: the remote follows it per <see cref="UdpMode"/>.</summary>
    public void SawSender(IPEndPoint from)
    {
        lock (gate)
        {
            if (from.Equals(remote)) return;
            if (UdpMode == UdpRemoteMode.ChangeAlways || UdpMode == UdpRemoteMode.ChangeOnce && !remoteChanged)
            {
                remote = from;
                remoteChanged = true;
            }
        }
    }

    /// <summary>
    /// Appends received bytes (TCP: caller keeps the total under <see cref="ReceiveWindow"/>); returns the total to
    /// announce in a passive notice, -1 when a notice is already outstanding (one notice until the host reads, spec §3),
    /// or -2 when the datagram was dropped (mailbox full).
    /// </summary>
    public int Buffer(byte[] data, int count, IPEndPoint from, int overhead = 0)
    {
        lock (gate)
        {
            if (!pending.Add(data, count, from)) return -2;
            undecrypted += overhead;
            if (notified || reading) return -1; // a read in progress announces the rest after its answer (AfterRead)
            notified = true;
            return pending.Count + undecrypted;
        }
    }

    /// <summary>
    /// After a host read's final result: the remaining total to re-announce, or 0 (and no notice outstanding) when
    /// drained; <paramref name="closeNow"/> when drained and the peer closed meanwhile.
    /// </summary>
    public int AfterRead(out bool closeNow)
    {
        lock (gate)
        {
            reading = false;
            closeNow = pending.Count == 0 && remoteClosed;
            undecrypted = 0; // reading made mbedTLS decrypt: from now on the decrypted bytes count
            notified = pending.Count > 0;
            return pending.Count;
        }
    }

    /// <summary>Takes up to <paramref name="max"/> buffered bytes; <paramref name="from"/> is their sender.</summary>
    public byte[] Take(int max, out IPEndPoint from)
    {
        lock (gate)
        {
            reading = true; // until AfterRead: the answer and its OK leave before any notice or CLOSED of this link
            var result = pending.Take(max, out var sender);
            from = sender ?? remote;
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
