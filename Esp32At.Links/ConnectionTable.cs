using System;
using System.Threading;
using Esp32At.Device;
using Esp32At.Engine;

namespace Esp32At.Links
{
    /// <summary>
    /// The ESP's link ids 0-4 and the data path over them: passive receive straight into the caller's buffer (with
    /// <c>AT+CIPRECVLEN?</c> reconciliation when a notice may have been lost), sends in firmware-sized chunks, and
    /// nothing lost when the peer closes before the data was read. A reboot of the ESP resets every link.
    /// </summary>
    public sealed partial class ConnectionTable
    {
        private const int ConnectTimeoutMs = 20000;
        private const int ReceiveCommandTimeoutMs = 5000;
        private const int SendTimeoutMs = 10000;
        private const int ReconcileAfterMs = 1000;
        private const int BusySettleMs = 200;
        private const int PeerCloseSettleBytes = 20; // byte times of quiet line (plus 1 ms) before Close decides a CIPCLOSE is needed
        private const int DatagramBufferBytes = 4096;

        private readonly Esp32AtDevice device;
        private readonly AtExecutor executor;
        private readonly Link[] links;
        private readonly object gate = new object();
        private bool warnedUnverified;

        /// <summary>Attaches to an initialised device and registers the link URCs.</summary>
        public ConnectionTable(Esp32AtDevice device)
        {
            if (device == null) throw new ArgumentNullException("device");
            if (device.Capabilities == null) throw new InvalidOperationException("initialise the device before creating its connection table");
            this.device = device;
            executor = device.Executor;
            links = new Link[device.Capabilities.MaxLinks];
            for (int i = 0; i < links.Length; i++) links[i] = new Link(i);
            acceptQueue = new int[links.Length];
            Certificates = new CertificateStore(device);
            executor.Urcs.Register(LinkCommands.ConnectUrc, OnConnect);
            executor.Urcs.Register(LinkCommands.ClosedUrc, OnClosed);
            executor.Urcs.Register(LinkCommands.NoticeUrc, OnNotice);
            executor.Rebooted += OnRebooted;
            executor.ReceiveLost += OnReceiveLost;
            executor.ActiveFrame = OnActiveFrame;
            executor.ActiveData = OnActiveData;
        }

        /// <summary>Link ids the firmware has.</summary>
        public int Count { get { return links.Length; } }

        /// <summary>The state of link <paramref name="linkId"/>.</summary>
        public LinkState StateOf(int linkId)
        {
            lock (gate) return Get(linkId).State;
        }

        /// <summary>Bytes known to be waiting for link <paramref name="linkId"/>: on the ESP, or already read ahead.</summary>
        public int Available(int linkId)
        {
            lock (gate)
            {
                var link = Get(linkId);
                return link.Available + StagedLocked(link);
            }
        }

        /// <summary>The device this table drives.</summary>
        public Esp32AtDevice Device { get { return device; } }

        /// <summary>TLS certificates on the ESP (CA for verification, client certificate for mutual TLS).</summary>
        public CertificateStore Certificates { get; private set; }

        /// <summary>
        /// Writes <paramref name="text"/> to the AT trace the first time a connection without server verification is
        /// made through this table (the faces say it in their own terms; one line either way).
        /// </summary>
        public void NoteUnverifiedTls(string text)
        {
            lock (gate)
            {
                if (warnedUnverified) return;
                warnedUnverified = true;
            }
            var trace = executor.Trace;
            if (trace != null) trace.Trace("--", text);
        }

        /// <summary>The kind of link <paramref name="linkId"/>.</summary>
        public LinkKind KindOf(int linkId)
        {
            lock (gate) return Get(linkId).Kind;
        }

        /// <summary>Whether link <paramref name="linkId"/> was accepted by the ESP's server (not opened by CIPSTART).</summary>
        public bool IsAccepted(int linkId)
        {
            lock (gate) return Get(linkId).Accepted;
        }

        private static void CheckBuffer(byte[] buffer, int offset, int count)
        {
            if (buffer == null) throw new ArgumentNullException("buffer");
            if (offset < 0 || offset > buffer.Length) throw new ArgumentOutOfRangeException("offset", "offset must be 0 to the buffer length");
            if (count < 0 || count > buffer.Length - offset) throw new ArgumentOutOfRangeException("count", "count must fit in the buffer after offset");
        }

        private static void CheckEndpoint(string host, int port)
        {
            if (host == null) throw new ArgumentNullException("host");
            if (host.Length == 0 || host.Length > 64) throw new ArgumentException("host must be 1 to 64 characters", "host");
            if (port < 1 || port > 65535) throw new ArgumentOutOfRangeException("port", "port must be 1 to 65535");
        }

        private Link Reserve(LinkKind kind)
        {
            lock (gate)
            {
                for (int i = 0; i < links.Length; i++)
                {
                    if (links[i].State != LinkState.Free || links[i].Closing) continue;
                    links[i].Reuse(LinkState.Connecting, kind, false);
                    return links[i];
                }
            }
            throw new NoFreeLinkException(links.Length);
        }

        private Link Get(int linkId)
        {
            if (linkId < 0 || linkId >= links.Length) throw new ArgumentOutOfRangeException("linkId", "link id must be 0 to " + (links.Length - 1));
            return links[linkId];
        }

        private Link Usable(int linkId)
        {
            var link = Get(linkId);
            lock (gate)
            {
                if (link.State == LinkState.Reset) throw new LinkResetException(linkId, link.ResetReason);
                if (link.State != LinkState.Open) throw new InvalidOperationException("link " + linkId + " is not open");
            }
            return link;
        }

        private static int LeadingNumber(byte[] line, int at, int length)
        {
            int v = 0;
            int start = at;
            while (at < length && line[at] >= '0' && line[at] <= '9') v = v * 10 + (line[at++] - '0');
            return at == start ? -1 : v;
        }
    }
}
