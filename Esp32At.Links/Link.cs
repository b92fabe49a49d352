using System.Threading;
using Esp32At.Engine;

namespace Esp32At.Links
{
    /// <summary>One link id's state, updated from URCs on the pump thread and read by callers (guarded by the table).</summary>
    internal sealed class Link
    {
        public Link(int id)
        {
            Id = id;
        }

        public int Id { get; private set; }
        public LinkState State;
        /// <summary>Counts the owners of this id, so a late Close cannot free a link someone else has since opened.</summary>
        public int Generation;
        /// <summary>CIPCLOSE is running: the id is not handed out until it finished.</summary>
        public bool Closing;
        /// <summary>The CLOSED caused by our own CIPCLOSE was seen (a later one is about the id's next owner).</summary>
        public bool CloseSeen;
        /// <summary>The ESP's server accepted a client on this id while the previous owner still held it.</summary>
        public bool AcceptPending;
        /// <summary>What the ESP announced for the waiting client: its buffered bytes, and whether it closed already.</summary>
        public int PendingAvailable;
        public bool PendingClosed;
        /// <summary>The ESP sends this id's data actively (+IPD frames): set for UDP links where the firmware allows per-link modes.</summary>
        public bool ActiveMode;
        /// <summary>Whole datagrams of an active UDP link (allocated on first use, kept for the id).</summary>
        public DatagramQueue Datagrams;
        /// <summary>Received bytes of an active TCP/TLS link (allocated on first use, kept for the id).</summary>
        public StreamBuffer Stream;
        /// <summary>Set when a read made room in <see cref="Stream"/> or the link let go (the pump may be waiting).</summary>
        public readonly AutoResetEvent Room = new AutoResetEvent(false);
        /// <summary>The TLS set-up commands this id last got an OK for (the ESP keeps them per id).</summary>
        public string TlsConfigApplied;
        public string TlsNameApplied;
        public string TlsAlpnApplied;
        public LinkKind Kind;
        /// <summary>Opened by a remote client of the ESP's server (not by CIPSTART).</summary>
        public bool Accepted;
        /// <summary>Bytes the ESP holds for this link, from the last passive notice (total buffered).</summary>
        public int Available;
        /// <summary>
        /// The last operation was a passive read that emptied what the ESP held: a CLOSED of the peer's may be right
        /// behind its answer (the ESP reports it once the buffered data was read).
        /// </summary>
        public bool Drained;
        /// <summary>Counts passive notices, so a read can tell whether a fresh total arrived while it ran.</summary>
        public int Notices;
        public string ResetReason;
        /// <summary>Reset by this side while the ESP still holds the connection: <c>Close</c> sends CIPCLOSE for it.</summary>
        public bool OpenOnEsp;
        /// <summary>When the ESP last told us about this link's data (notice, read or CIPRECVLEN?).</summary>
        public long HeardTicks;
        /// <summary>Where the last received bytes came from (IPv4, first octet in the low byte) and the port.</summary>
        public uint RemoteAddress;
        public int RemotePort;
        /// <summary>The link is a TCPv6/UDPv6/SSLv6 one (AT+CIPV6=1).</summary>
        public bool Ipv6;
        /// <summary>The last received bytes came from an IPv6 sender, <see cref="RemoteIpv6"/> (then RemoteAddress is 0).</summary>
        public bool RemoteIsIpv6;
        public readonly byte[] RemoteIpv6 = new byte[16];
        /// <summary>Set when anything about the link changed (data, close, reset).</summary>
        public readonly AutoResetEvent Changed = new AutoResetEvent(false);
        /// <summary>Per-link command buffers, so the data path allocates nothing.</summary>
        public readonly AtCommandBuffer SendCommand = new AtCommandBuffer(96);
        public readonly AtCommandBuffer ReceiveCommand = new AtCommandBuffer(32);

        /// <summary>Back to a fresh link of <paramref name="kind"/> in <paramref name="state"/>.</summary>
        public void Reuse(LinkState state, LinkKind kind, bool accepted)
        {
            Generation++;
            AcceptPending = false;
            PendingAvailable = 0;
            PendingClosed = false;
            if (Datagrams != null) Datagrams.Clear();
            if (Stream != null) Stream.Clear();
            Room.Set();
            State = state;
            Kind = kind;
            Accepted = accepted;
            Available = 0;
            Drained = false;
            ResetReason = null;
            OpenOnEsp = false;
            RemoteAddress = 0;
            RemotePort = 0;
            Ipv6 = false;
            RemoteIsIpv6 = false;
        }
    }
}
