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
        private const int DatagramBufferBytes = 4096;

        private readonly Esp32AtDevice device;
        private readonly AtExecutor executor;
        private readonly Link[] links;
        private readonly object gate = new object();
        private readonly AtResponse lengths = new AtResponse();
        private readonly object receiveLock = new object();
        private bool warnedUnverified;
        private readonly int[] acceptQueue;
        private int acceptHead;
        private int acceptCount;
        private readonly AutoResetEvent accepted = new AutoResetEvent(false);

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

        /// <summary>Bytes known to be waiting on the ESP for link <paramref name="linkId"/>.</summary>
        public int Available(int linkId)
        {
            lock (gate) return Get(linkId).Available;
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

        /// <summary>
        /// Opens a TCP connection on the lowest free link id and returns the id. <paramref name="host"/> is a name or IPv4
        /// literal, resolved by the ESP. CIPSTART is never sent twice: a busy ESP gives <see cref="AtBusyException"/>.
        /// </summary>
        public int OpenTcp(string host, int port, int timeoutMs = ConnectTimeoutMs)
        {
            CheckEndpoint(host, port);
            return Open(LinkKind.Tcp, host, port, 0, null, timeoutMs);
        }

        /// <summary>
        /// Opens a UDP link to <paramref name="host"/>:<paramref name="port"/>. <paramref name="localPort"/> 0 lets the
        /// ESP choose; otherwise datagrams from any sender are accepted and replies follow the latest sender (mode 2).
        /// </summary>
        public int OpenUdp(string host, int port, int localPort = 0, int timeoutMs = ConnectTimeoutMs)
        {
            CheckEndpoint(host, port);
            if (localPort < 0 || localPort > 65535) throw new ArgumentOutOfRangeException("localPort", "local port must be 0 to 65535");
            return Open(LinkKind.Udp, host, port, localPort, null, timeoutMs);
        }

        /// <summary>
        /// Opens a TLS connection. The server is verified unless <paramref name="tls"/> says otherwise; verification
        /// needs a CA (see <see cref="TlsSettings"/>). A failed handshake is an <see cref="AtCommandException"/>.
        /// </summary>
        public int OpenSsl(string host, int port, TlsSettings tls, int timeoutMs = ConnectTimeoutMs)
        {
            CheckEndpoint(host, port);
            if (tls == null) throw new ArgumentNullException("tls");
            if (tls.VerifyServer && !tls.TrustFirmwareCa && !Certificates.HasCa(tls.CaSlot))
                throw new InvalidOperationException("TLS server verification is on but no CA is loaded in slot " + tls.CaSlot +
                    ": load one with Certificates.LoadCa, set TrustFirmwareCa, or set VerifyServer = false explicitly");
            if (tls.UseClientCertificate && !tls.TrustFirmwareCa && !Certificates.HasClientCertificate(tls.ClientCertificateSlot))
                throw new InvalidOperationException("no client certificate is loaded in slot " + tls.ClientCertificateSlot);
            if (tls.Alpn != null && tls.Alpn.Length > 5) throw new ArgumentException("at most 5 ALPN names", "tls");
            if (!tls.VerifyServer) NoteUnverifiedTls("TLS server verification is OFF (TlsSettings.VerifyServer = false): the peer is not authenticated");
            return Open(LinkKind.Ssl, host, port, 0, tls, timeoutMs);
        }

        private int Open(LinkKind kind, string host, int port, int localPort, TlsSettings tls, int timeoutMs)
        {
            Link link = Reserve(kind);
            try
            {
                SetReceiveMode(link, kind == LinkKind.Udp);
                if (tls != null) ConfigureTls(link.Id, tls, host);
                var cmd = new AtCommandBuffer().Append(LinkCommands.Start).Append(link.Id)
                    .Append(kind == LinkKind.Udp ? LinkCommands.Udp : kind == LinkKind.Ssl ? LinkCommands.Ssl : LinkCommands.Tcp)
                    .AppendQuoted(host, "host").Append(",").Append(port);
                bool timeoutArg = device.Capabilities.HasCipStartTimeout;
                if (kind == LinkKind.Udp)
                {
                    if (localPort > 0) cmd.Append(",").Append(localPort).Append(",2");
                    else if (timeoutArg) cmd.Append(",,");
                    if (timeoutArg) cmd.Append(",,").Append(timeoutMs);
                }
                else if (timeoutArg) cmd.Append(",,,").Append(timeoutMs);
                cmd.AppendLineEnd();
                try
                {
                    executor.Run(cmd, null, timeoutMs + 2000, false);
                }
                catch (AtBusyException)
                {
                    if (!OpenedAfterBusy(link.Id, cmd, timeoutMs)) throw;
                }
                lock (gate)
                {
                    // A notice or CLOSED in the same burst as CIPSTART's OK was parsed before this: keep what it said
                    // (Reserve zeroed Available), else the first data waits a second for the CIPRECVLEN? reconcile.
                    if (link.State == LinkState.Connecting) link.State = LinkState.Open;
                    link.HeardTicks = DateTime.UtcNow.Ticks;
                }
                return link.Id;
            }
            catch
            {
                // Also after a CLOSED that followed the failed CIPSTART (spec §7.10): nobody else holds this id.
                lock (gate) link.State = LinkState.Free;
                throw;
            }
        }

        // UDP links receive actively where the firmware has per-link modes (v3.3+): +IPD frames keep datagram boundaries,
        // which passive reads merge on every release up to 4.1 (spec §4). The mode belongs to the id on the ESP.
        private void SetReceiveMode(Link link, bool datagrams)
        {
            bool active = datagrams && device.Capabilities.HasCipRecvType;
            if (active == link.ActiveMode) return;
            executor.Run(new AtCommandBuffer().Append(LinkCommands.ReceiveType).Append(link.Id).Append(active ? ",0" : ",1").AppendLineEnd(),
                null, ReceiveCommandTimeoutMs, true);
            lock (gate)
            {
                link.ActiveMode = active;
                if (active && link.Datagrams == null) link.Datagrams = new DatagramQueue(DatagramBufferBytes);
            }
        }

        private int activeFrameLink = -1;

        // Pump thread: an active +IPD frame begins. Only UDP links are active, so anything else is noise.
        private void OnActiveFrame(int linkId, int length, uint address, int port)
        {
            activeFrameLink = -1;
            if (linkId < 0 || linkId >= links.Length) return;
            var link = links[linkId];
            lock (gate)
            {
                if (link.Datagrams == null || !link.ActiveMode || link.State != LinkState.Open) return;
                if (link.Datagrams.Begin(length, address, port)) activeFrameLink = linkId;
                if (length == 0) CompleteDatagram(link);
            }
        }

        private void OnActiveData(int linkId, byte[] buffer, int offset, int count)
        {
            if (activeFrameLink != linkId || linkId < 0) return;
            var link = links[linkId];
            lock (gate)
            {
                if (link.Datagrams == null || !link.Datagrams.Append(buffer, offset, count)) return;
                CompleteDatagram(link);
            }
        }

        private void CompleteDatagram(Link link)
        {
            activeFrameLink = -1;
            link.Available = link.Datagrams.Bytes;
            link.Notices++;
            link.HeardTicks = DateTime.UtcNow.Ticks;
            link.Changed.Set();
        }

        // One whole datagram of an active UDP link: the rest of a longer one is discarded, as recvfrom does.
        private int ReceiveDatagram(Link link, byte[] buffer, int offset, int count, int timeoutMs)
        {
            long deadline = DateTime.UtcNow.Ticks + (long)timeoutMs * TimeSpan.TicksPerMillisecond;
            while (true)
            {
                lock (gate)
                {
                    if (link.State == LinkState.Reset) throw new LinkResetException(link.Id, link.ResetReason);
                    if (link.State == LinkState.Free) throw new InvalidOperationException("link " + link.Id + " is not open");
                    uint address;
                    int port;
                    int n = link.Datagrams.Take(buffer, offset, count, out address, out port);
                    if (n >= 0)
                    {
                        link.RemoteAddress = address;
                        link.RemotePort = port;
                        link.Available = link.Datagrams.Bytes;
                        return n;
                    }
                }
                long left = (deadline - DateTime.UtcNow.Ticks) / TimeSpan.TicksPerMillisecond;
                if (left <= 0) throw new AtTimeoutException("receive on link " + link.Id, timeoutMs);
                link.Changed.WaitOne((int)left, false);
            }
        }

        // "busy p..." means the line was dropped, yet esp-at#993 saw a CIPSTART executed anyway: never resend blindly.
        // Ask the ESP whether the link exists; only if it does not, send CIPSTART once more, and after an ERROR ask again.
        private bool OpenedAfterBusy(int id, AtCommandBuffer cmd, int timeoutMs)
        {
            uint remote;
            int remotePort;
            int localPort;
            Thread.Sleep(BusySettleMs);
            if (QueryEndpoints(id, out remote, out remotePort, out localPort)) return true;
            try
            {
                executor.Run(cmd, null, timeoutMs + 2000, false);
                return true;
            }
            catch (AtCommandException)
            {
                if (QueryEndpoints(id, out remote, out remotePort, out localPort)) return true;
                throw;
            }
        }

        // The ESP keeps each id's TLS settings (CIPSSLCCONF even in NVS), so commands whose value is already there are
        // skipped: a repeated HTTPS request to the same host costs no extra round trips. Forgotten at a reboot.
        private void ConfigureTls(int id, TlsSettings tls, string host)
        {
            var link = links[id];
            var caps = device.Capabilities;
            var cmd = new AtCommandBuffer().Append(LinkCommands.SslConfig).Append(id).Append(",").Append(tls.AuthMode)
                .Append(",").Append(tls.ClientCertificateSlot).Append(",").Append(tls.CaSlot).AppendLineEnd();
            RunIfChanged(ref link.TlsConfigApplied, cmd);
            if (caps.Has("CIPSSLCSNI"))
            {
                // Always send SNI (spec §6): early firmware sent none, and a name is needed when connecting by IP.
                cmd.Clear().Append(LinkCommands.SslServerName).Append(id).Append(",")
                    .AppendQuoted(tls.ServerName != null ? tls.ServerName : host, "serverName").AppendLineEnd();
                RunIfChanged(ref link.TlsNameApplied, cmd);
            }
            int alpnCount = tls.Alpn == null ? 0 : tls.Alpn.Length;
            if (caps.Has("CIPSSLCALPN"))
            {
                // The ESP keeps per-link ALPN settings: clear them when none are wanted.
                cmd.Clear().Append(LinkCommands.SslAlpn).Append(id).Append(",").Append(alpnCount);
                for (int i = 0; i < alpnCount; i++) cmd.Append(",").AppendQuoted(tls.Alpn[i], "alpn");
                RunIfChanged(ref link.TlsAlpnApplied, cmd.AppendLineEnd());
            }
            else if (alpnCount > 0) throw new NotSupportedException("this firmware has no AT+CIPSSLCALPN");
        }

        private void RunIfChanged(ref string applied, AtCommandBuffer cmd)
        {
            var text = cmd.ToString();
            if (text == applied) return;
            applied = null; // unknown until the ESP said OK
            executor.Run(cmd, null, ReceiveCommandTimeoutMs, true);
            applied = text;
        }

        /// <summary>
        /// Waits up to <paramref name="timeoutMs"/> for a client the ESP's server accepted and returns its link id, or -1.
        /// </summary>
        public int Accept(int timeoutMs)
        {
            long deadline = DateTime.UtcNow.Ticks + (long)timeoutMs * TimeSpan.TicksPerMillisecond;
            while (true)
            {
                lock (gate)
                {
                    while (acceptCount > 0)
                    {
                        int id = acceptQueue[acceptHead];
                        acceptHead = (acceptHead + 1) % acceptQueue.Length;
                        acceptCount--;
                        var state = links[id].State;
                        if (links[id].Accepted && (state == LinkState.Open || state == LinkState.RemoteClosed)) return id;
                    }
                }
                long left = (deadline - DateTime.UtcNow.Ticks) / TimeSpan.TicksPerMillisecond;
                if (left <= 0) return -1;
                accepted.WaitOne((int)left, false);
            }
        }

        /// <summary>Whether an accepted client is waiting for <see cref="Accept"/>.</summary>
        public bool AcceptPending
        {
            get { lock (gate) return acceptCount > 0; }
        }

        /// <summary>The kind of links the ESP's server accepts (set by <see cref="LinkServer"/>).</summary>
        internal LinkKind ServerKind;

        /// <summary>Forgets clients accepted but not taken (the server stopped and closed them).</summary>
        internal void ClearAcceptQueue()
        {
            lock (gate) acceptCount = 0;
        }

        /// <summary>
        /// Sends one datagram on UDP link <paramref name="linkId"/> to <paramref name="host"/>:<paramref name="port"/>
        /// (<c>AT+CIPSEND=id,len,"host",port</c>).
        /// </summary>
        public void SendTo(int linkId, byte[] buffer, int offset, int count, string host, int port)
        {
            CheckBuffer(buffer, offset, count);
            CheckEndpoint(host, port);
            var link = Usable(linkId);
            if (link.Kind != LinkKind.Udp) throw new InvalidOperationException("link " + linkId + " is not a UDP link");
            CheckDatagram(count);
            link.SendCommand.Clear().Append(LinkCommands.Send).Append(linkId).Append(",").Append(count).Append(",")
                .AppendQuoted(host, "host").Append(",").Append(port).AppendLineEnd();
            SendChunk(link, buffer, offset, count);
        }

        /// <summary>The address (IPv4, first octet in the low byte) and port the last bytes received on the link came from.</summary>
        public uint RemoteAddressOf(int linkId, out int port)
        {
            lock (gate)
            {
                var link = Get(linkId);
                port = link.RemotePort;
                return link.RemoteAddress;
            }
        }

        /// <summary>
        /// Sends all <paramref name="count"/> bytes, in chunks the firmware accepts (a UDP link sends one datagram).
        /// A SEND FAIL resets the link.
        /// </summary>
        public void Send(int linkId, byte[] buffer, int offset, int count)
        {
            CheckBuffer(buffer, offset, count);
            var link = Usable(linkId);
            if (link.Kind == LinkKind.Udp) CheckDatagram(count);
            int max = device.Capabilities.CipSendMax;
            if (count > max && link.Kind != LinkKind.Udp && device.Capabilities.HasCipSendL)
            {
                // One AT+CIPSENDL streams everything: the ESP sends while the UART still delivers, instead of one
                // prompt round trip per 8 KB (its +CIPSENDL progress lines are not needed: SEND OK ends it).
                link.SendCommand.Clear().Append(LinkCommands.SendLong).Append(linkId).Append(",").Append(count).AppendLineEnd();
                SendChunk(link, buffer, offset, count);
                return;
            }
            while (count > 0)
            {
                int chunk = count < max ? count : max;
                link.SendCommand.Clear().Append(LinkCommands.Send).Append(linkId).Append(",").Append(chunk).AppendLineEnd();
                SendChunk(link, buffer, offset, chunk);
                offset += chunk;
                count -= chunk;
            }
        }

        private void SendChunk(Link link, byte[] buffer, int offset, int count)
        {
            AtResultCode code;
            try
            {
                code = SendOnce(link, buffer, offset, count);
            }
            catch (AtRebootedException)
            {
                throw new LinkResetException(link.Id, "the ESP rebooted");
            }
            catch (AtTimeoutException)
            {
                // No SEND OK in time: how much went out is unknown, so the stream cannot be trusted any more.
                MarkReset(link, "send timed out");
                throw;
            }
            catch (AtCommandException)
            {
                // ERROR instead of the prompt: the link is gone on the ESP (closed by the peer or the network).
                lock (gate) if (link.State == LinkState.Open) link.State = LinkState.RemoteClosed;
                throw new LinkResetException(link.Id, "the ESP has no such connection any more");
            }
            if (code != AtResultCode.SendOk)
            {
                // Part of the chunk may be on the wire (esp-at#988): the stream cannot be resumed.
                MarkReset(link, "SEND FAIL");
                throw new LinkResetException(link.Id, "SEND FAIL");
            }
        }

        // busy p... before the prompt: the ESP dropped the command line, so no byte of the payload went out (spec §1.6);
        // sending the same CIPSEND again after a pause cannot duplicate data. Bounded by the send timeout.
        private AtResultCode SendOnce(Link link, byte[] buffer, int offset, int count)
        {
            // The payload's own wire time (10 bits a byte), twice over, on top of the firmware's worst send stall.
            int baud = device.BaudRate > 0 ? device.BaudRate : 9600;
            long wireMs = (long)count * 10 * 1000 / baud;
            int timeoutMs = (int)(SendTimeoutMs + 2 * wireMs > int.MaxValue ? int.MaxValue : SendTimeoutMs + 2 * wireMs);
            long deadline = DateTime.UtcNow.Ticks + (long)timeoutMs * TimeSpan.TicksPerMillisecond;
            while (true)
            {
                try
                {
                    return executor.Send(link.SendCommand, buffer, offset, count, timeoutMs);
                }
                catch (AtBusyException)
                {
                    if (DateTime.UtcNow.Ticks + BusySettleMs * TimeSpan.TicksPerMillisecond > deadline) throw new AtTimeoutException("CIPSEND on link " + link.Id + " (ESP busy)", timeoutMs);
                    Thread.Sleep(BusySettleMs);
                }
            }
        }

        private void CheckDatagram(int count)
        {
            int max = device.Capabilities.CipSendMax;
            if (count == 0 || count > max) throw new ArgumentOutOfRangeException("count", "a datagram must be 1 to " + max + " bytes");
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

        /// <summary>
        /// Reads up to <paramref name="count"/> bytes into <paramref name="buffer"/>, waiting up to
        /// <paramref name="timeoutMs"/> for data. Returns the byte count, 0 at end of stream (peer closed, all read).
        /// </summary>
        /// <exception cref="AtTimeoutException">No data within the timeout.</exception>
        public int Receive(int linkId, byte[] buffer, int offset, int count, int timeoutMs)
        {
            CheckBuffer(buffer, offset, count);
            if (count == 0) throw new ArgumentOutOfRangeException("count", "count must be at least 1");
            var link = Get(linkId);
            bool datagrams;
            lock (gate) datagrams = link.ActiveMode && link.Datagrams != null && link.Kind == LinkKind.Udp;
            if (datagrams) return ReceiveDatagram(link, buffer, offset, count, timeoutMs);
            long deadline = DateTime.UtcNow.Ticks + (long)timeoutMs * TimeSpan.TicksPerMillisecond;
            while (true)
            {
                int available;
                lock (gate)
                {
                    if (link.State == LinkState.Reset) throw new LinkResetException(linkId, link.ResetReason);
                    if (link.State == LinkState.Free) throw new InvalidOperationException("link " + linkId + " is not open");
                    available = link.Available;
                    if (available == 0 && link.State == LinkState.RemoteClosed)
                    {
                        ReleaseLocked(link);
                        return 0;
                    }
                }
                if (available > 0)
                {
                    int n = ReadAvailable(link, buffer, offset, count < available ? count : available);
                    if (n > 0) return n;
                    continue; // the ESP had less than announced: wait for the next notice or the close
                }
                if (!WaitForChange(link, deadline)) throw new AtTimeoutException("receive on link " + linkId, timeoutMs);
            }
        }

        /// <summary>
        /// Waits up to <paramref name="timeoutMs"/> until link <paramref name="linkId"/> has data, reached its end or was
        /// reset (a read would not block). Returns false on timeout.
        /// </summary>
        public bool WaitReadable(int linkId, int timeoutMs)
        {
            var link = Get(linkId);
            long deadline = DateTime.UtcNow.Ticks + (long)timeoutMs * TimeSpan.TicksPerMillisecond;
            while (true)
            {
                lock (gate)
                {
                    if (link.Available > 0 || link.State != LinkState.Open) return true;
                }
                if (!WaitForChange(link, deadline)) return false;
            }
        }

        // Waits for a URC about the link until the deadline. A link silent for a second is reconciled with CIPRECVLEN?
        // (a lost or coalesced notice costs at most that long), however short the callers' own waits are.
        private bool WaitForChange(Link link, long deadline)
        {
            long now = DateTime.UtcNow.Ticks;
            int left = (int)((deadline - now) / TimeSpan.TicksPerMillisecond);
            int silent;
            lock (gate) silent = (int)((now - link.HeardTicks) / TimeSpan.TicksPerMillisecond);
            if (silent >= ReconcileAfterMs)
            {
                if (Reconcile(link)) return true;
                silent = 0;
            }
            if (left <= 0) return false;
            int slice = ReconcileAfterMs - silent;
            link.Changed.WaitOne(left < slice ? left : slice, false);
            return true;
        }

        /// <summary>Closes link <paramref name="linkId"/>; unread data is discarded. Closing a closed link is a no-op.</summary>
        public void Close(int linkId)
        {
            var link = Get(linkId);
            LinkState state;
            int generation;
            lock (gate)
            {
                state = link.State;
                generation = link.Generation;
                // Nobody may take this id until the ESP confirmed the close (Reserve skips closing links).
                if (state != LinkState.Free)
                {
                    link.Closing = true;
                    link.CloseSeen = state != LinkState.Open; // no CIPCLOSE, so no CLOSED of ours will come
                }
            }
            if (state == LinkState.Open)
            {
                try
                {
                    executor.Execute(LinkCommands.Close + linkId, ReceiveCommandTimeoutMs);
                }
                catch (AtCommandException)
                {
                    // Already closed on the ESP side (its CLOSED may be on the way).
                }
            }
            lock (gate)
            {
                link.Closing = false;
                // A client the ESP's server accepted on this id meanwhile belongs to someone else now.
                if (link.Generation != generation) return;
                ReleaseLocked(link);
            }
        }

        // The owner is done with the id: free it, or hand it to a client the ESP already accepted on it.
        private void ReleaseLocked(Link link)
        {
            link.Available = 0;
            if (!link.AcceptPending)
            {
                link.State = LinkState.Free;
                return;
            }
            int pendingData = link.PendingAvailable;
            bool pendingClosed = link.PendingClosed;
            Enqueue(link);
            link.Available = pendingData;
            if (pendingClosed) link.State = LinkState.RemoteClosed;
        }

        private void Enqueue(Link link)
        {
            link.Reuse(LinkState.Open, ServerKind, true);
            link.HeardTicks = DateTime.UtcNow.Ticks;
            acceptQueue[(acceptHead + acceptCount) % acceptQueue.Length] = link.Id;
            if (acceptCount < acceptQueue.Length) acceptCount++;
            accepted.Set();
        }

        private int ReadAvailable(Link link, byte[] buffer, int offset, int count)
        {
            link.ReceiveCommand.Clear().Append(LinkCommands.ReceiveData).Append(link.Id).Append(",").Append(count).AppendLineEnd();
            int n;
            int noticesBefore;
            lock (gate) noticesBefore = link.Notices;
            try
            {
                lock (receiveLock)
                {
                    n = executor.Receive(link.ReceiveCommand, buffer, offset, count, ReceiveCommandTimeoutMs);
                    if (n == 0)
                    {
                        // OK without a payload: the ESP answers "no data" with ERROR, so the frame header was garbled on
                        // the line and the bytes it carried are gone. The stream has a hole: never hand out what follows.
                        MarkReset(link, "a receive answer was garbled on the line");
                        throw new LinkResetException(link.Id, "a receive answer was garbled on the line");
                    }
                    lock (gate)
                    {
                        link.RemoteAddress = executor.LastRemoteAddress;
                        link.RemotePort = executor.LastRemotePort;
                    }
                }
            }
            catch (AtRebootedException)
            {
                throw new LinkResetException(link.Id, "the ESP rebooted");
            }
            catch (AtTimeoutException)
            {
                // The answer was lost on the line: the ESP may have handed out bytes we never saw, so the stream is broken.
                MarkReset(link, "a receive answer was lost on the line");
                throw new LinkResetException(link.Id, "a receive answer was lost on the line");
            }
            catch (AtCommandException)
            {
                // ERROR: nothing left after all (SSL length quirk, or data dropped at close): trust the ESP.
                n = 0;
            }
            lock (gate)
            {
                // The ESP announces what remains in a notice right after its answer (spec §2.3), and nothing when
                // drained. Unless that notice was already parsed, nothing is known to remain until it comes.
                if (link.Notices == noticesBefore) link.Available = 0;
                link.HeardTicks = DateTime.UtcNow.Ticks;
            }
            return n;
        }

        private bool Reconcile(Link link)
        {
            lock (gate) link.HeardTicks = DateTime.UtcNow.Ticks;
            int value;
            lock (lengths)
            {
                try
                {
                    executor.Run(new AtCommandBuffer().Append(LinkCommands.ReceiveLengths).AppendLineEnd(), lengths, ReceiveCommandTimeoutMs, true);
                }
                catch (AtCommandException)
                {
                    return false;
                }
                var text = lengths.Find(LinkCommands.ReceiveLengthsPrefix);
                if (text == null) return false;
                var parts = text.Split(',');
                if (link.Id >= parts.Length || !int.TryParse(parts[link.Id], out value) || value <= 0) return false;
            }
            lock (gate) link.Available = value;
            return true;
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
            throw new InvalidOperationException("all " + links.Length + " ESP-AT links are in use");
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

        private void MarkReset(Link link, string reason)
        {
            lock (gate)
            {
                link.State = LinkState.Reset;
                link.ResetReason = reason;
                link.AcceptPending = false;
                link.Available = 0;
            }
            link.Changed.Set();
        }

        // "<id>,CONNECT" for a link nobody is opening: a client of the ESP's server (CIPSTART's own CONNECT is ignored).
        private void OnConnect(byte[] line, int length)
        {
            int id = LeadingNumber(line, 0, length);
            if (id < 0 || id >= links.Length) return;
            var link = links[id];
            lock (gate)
            {
                // The ESP reuses an id as soon as it closed the link. If our owner has not let go yet (end of stream
                // not read), the client waits for it; a link whose CIPCLOSE is running is free on the ESP already.
                if ((link.State == LinkState.RemoteClosed || link.State == LinkState.Reset) && !link.Closing)
                {
                    link.AcceptPending = true;
                    link.PendingAvailable = 0;
                    link.PendingClosed = false;
                }
                else if (link.State == LinkState.Free || link.Closing) Enqueue(link);
            }
        }

        // "<id>,CLOSED": keep the link readable until what the ESP still holds was read.
        private void OnClosed(byte[] line, int length)
        {
            int id = LeadingNumber(line, 0, length);
            if (id < 0 || id >= links.Length) return;
            var link = links[id];
            lock (gate)
            {
                // The CLOSED our own CIPCLOSE causes may come after the ESP already gave the id to a new client.
                if (link.Closing && !link.CloseSeen) link.CloseSeen = true;
                else if (link.AcceptPending) link.PendingClosed = true; // the waiting client, not the old owner
                else if (link.State == LinkState.Open || link.State == LinkState.Connecting) link.State = LinkState.RemoteClosed;
            }
            link.Changed.Set();
        }

        // Passive notice "+IPD,<id>,<total>" (active frames never reach the URC table).
        private void OnNotice(byte[] line, int length)
        {
            int id = LeadingNumber(line, 5, length);
            int comma = 5;
            while (comma < length && line[comma] != ',') comma++;
            int total = LeadingNumber(line, comma + 1, length);
            if (id < 0 || id >= links.Length || total < 0) return;
            var link = links[id];
            lock (gate)
            {
                if (link.AcceptPending)
                {
                    link.PendingAvailable = total; // the waiting client's data, kept from the old owner
                    return;
                }
                link.Available = total;
                link.Notices++;
                link.HeardTicks = DateTime.UtcNow.Ticks;
            }
            link.Changed.Set();
        }

        private void OnRebooted(AtExecutor sender)
        {
            for (int i = 0; i < links.Length; i++)
            {
                var link = links[i];
                bool wasInUse;
                lock (gate) wasInUse = link.State != LinkState.Free;
                if (wasInUse) MarkReset(link, "the ESP rebooted");
            }
            lock (gate)
            {
                // The set-up after the reboot makes every id passive again.
                for (int i = 0; i < links.Length; i++)
                {
                    links[i].ActiveMode = false;
                    links[i].TlsConfigApplied = null;
                    links[i].TlsNameApplied = null;
                    links[i].TlsAlpnApplied = null;
                    if (links[i].Datagrams != null) links[i].Datagrams.Clear();
                }
            }
            ClearAcceptQueue();
            accepted.Set();
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
