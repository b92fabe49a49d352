using System;
using Esp32At.Device;
using Esp32At.Engine;

namespace Esp32At.Links
{
    /// <summary>
    /// The ESP's link ids 0-4 and the data path over them: passive receive straight into the caller's buffer (with
    /// <c>AT+CIPRECVLEN?</c> reconciliation when a notice may have been lost), sends in firmware-sized chunks, and
    /// nothing lost when the peer closes before the data was read. A reboot of the ESP resets every link.
    /// </summary>
    public sealed class ConnectionTable
    {
        private const int ConnectTimeoutMs = 20000;
        private const int ReceiveCommandTimeoutMs = 5000;
        private const int SendTimeoutMs = 10000;
        private const int ReconcileAfterMs = 1000;

        private readonly Esp32AtDevice device;
        private readonly AtExecutor executor;
        private readonly Link[] links;
        private readonly object gate = new object();
        private readonly AtResponse lengths = new AtResponse();

        /// <summary>Attaches to an initialised device and registers the link URCs.</summary>
        public ConnectionTable(Esp32AtDevice device)
        {
            if (device == null) throw new ArgumentNullException("device");
            if (device.Capabilities == null) throw new InvalidOperationException("initialise the device before creating its connection table");
            this.device = device;
            executor = device.Executor;
            links = new Link[device.Capabilities.MaxLinks];
            for (int i = 0; i < links.Length; i++) links[i] = new Link(i);
            executor.Urcs.Register(LinkCommands.ClosedUrc, OnClosed);
            executor.Urcs.Register(LinkCommands.NoticeUrc, OnNotice);
            executor.Rebooted += OnRebooted;
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

        /// <summary>
        /// Opens a TCP connection on the lowest free link id and returns the id. <paramref name="host"/> is a name or IPv4
        /// literal, resolved by the ESP. CIPSTART is never sent twice: a busy ESP gives <see cref="AtBusyException"/>.
        /// </summary>
        public int OpenTcp(string host, int port, int timeoutMs = ConnectTimeoutMs)
        {
            if (host == null) throw new ArgumentNullException("host");
            if (host.Length == 0 || host.Length > 64) throw new ArgumentException("host must be 1 to 64 characters", "host");
            if (port < 1 || port > 65535) throw new ArgumentOutOfRangeException("port", "port must be 1 to 65535");
            Link link = Reserve();
            try
            {
                var cmd = new AtCommandBuffer().Append(LinkCommands.Start).Append(link.Id).Append(LinkCommands.Tcp)
                    .AppendQuoted(host, "host").Append(",").Append(port);
                if (device.Capabilities.HasCipStartTimeout) cmd.Append(",,,").Append(timeoutMs);
                executor.Run(cmd.AppendLineEnd(), null, timeoutMs + 2000, false);
                lock (gate)
                {
                    link.State = LinkState.Open;
                    link.Available = 0;
                }
                return link.Id;
            }
            catch
            {
                lock (gate) if (link.State == LinkState.Connecting) link.State = LinkState.Free;
                throw;
            }
        }

        /// <summary>Sends all <paramref name="count"/> bytes, in chunks the firmware accepts. A SEND FAIL resets the link.</summary>
        public void Send(int linkId, byte[] buffer, int offset, int count)
        {
            if (buffer == null) throw new ArgumentNullException("buffer");
            if (offset < 0 || count < 0 || offset + count > buffer.Length) throw new ArgumentOutOfRangeException("count", "offset/count outside the buffer");
            var link = Usable(linkId);
            int max = device.Capabilities.CipSendMax;
            while (count > 0)
            {
                int chunk = count < max ? count : max;
                link.SendCommand.Clear().Append(LinkCommands.Send).Append(linkId).Append(",").Append(chunk).AppendLineEnd();
                if (executor.Send(link.SendCommand, buffer, offset, chunk, SendTimeoutMs) != AtResultCode.SendOk)
                {
                    // Part of the chunk may be on the wire (esp-at#988): the stream cannot be resumed.
                    MarkReset(link, "SEND FAIL");
                    throw new LinkResetException(linkId, "SEND FAIL");
                }
                offset += chunk;
                count -= chunk;
            }
        }

        /// <summary>
        /// Reads up to <paramref name="count"/> bytes into <paramref name="buffer"/>, waiting up to
        /// <paramref name="timeoutMs"/> for data. Returns the byte count, 0 at end of stream (peer closed, all read).
        /// </summary>
        /// <exception cref="AtTimeoutException">No data within the timeout.</exception>
        public int Receive(int linkId, byte[] buffer, int offset, int count, int timeoutMs)
        {
            if (buffer == null) throw new ArgumentNullException("buffer");
            if (offset < 0 || count <= 0 || offset + count > buffer.Length) throw new ArgumentOutOfRangeException("count", "offset/count outside the buffer");
            var link = Get(linkId);
            long deadline = DateTime.UtcNow.Ticks + timeoutMs * TimeSpan.TicksPerMillisecond;
            bool reconciled = false;
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
                        link.State = LinkState.Free;
                        return 0;
                    }
                }
                if (available > 0)
                {
                    int n = ReadAvailable(link, buffer, offset, count < available ? count : available);
                    if (n > 0) return n;
                    continue; // the ESP had less than announced: wait for the next notice or the close
                }
                int left = (int)((deadline - DateTime.UtcNow.Ticks) / TimeSpan.TicksPerMillisecond);
                if (left <= 0)
                {
                    // A notice may have been lost or coalesced: ask the ESP once before giving up.
                    if (!reconciled && Reconcile(link)) { reconciled = true; continue; }
                    throw new AtTimeoutException("receive on link " + linkId, timeoutMs);
                }
                // Waiting in slices: after each silent second, ask the ESP (a lost notice costs at most that long).
                if (!link.Changed.WaitOne(left < ReconcileAfterMs ? left : ReconcileAfterMs, false) && left > ReconcileAfterMs) Reconcile(link);
            }
        }

        /// <summary>Closes link <paramref name="linkId"/>; unread data is discarded. Closing a closed link is a no-op.</summary>
        public void Close(int linkId)
        {
            var link = Get(linkId);
            LinkState state;
            lock (gate) state = link.State;
            if (state == LinkState.Open || state == LinkState.RemoteClosed)
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
                link.State = LinkState.Free;
                link.Available = 0;
            }
        }

        private int ReadAvailable(Link link, byte[] buffer, int offset, int count)
        {
            link.ReceiveCommand.Clear().Append(LinkCommands.ReceiveData).Append(link.Id).Append(",").Append(count).AppendLineEnd();
            int n;
            int noticesBefore;
            lock (gate) noticesBefore = link.Notices;
            try
            {
                n = executor.Receive(link.ReceiveCommand, buffer, offset, count, ReceiveCommandTimeoutMs);
            }
            catch (AtRebootedException)
            {
                throw new LinkResetException(link.Id, "the ESP rebooted");
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
            }
            return n;
        }

        private bool Reconcile(Link link)
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
            if (link.Id >= parts.Length) return false;
            int value;
            if (!int.TryParse(parts[link.Id], out value) || value <= 0) return false;
            lock (gate) link.Available = value;
            return true;
        }

        private Link Reserve()
        {
            lock (gate)
            {
                for (int i = 0; i < links.Length; i++)
                {
                    if (links[i].State != LinkState.Free) continue;
                    links[i].State = LinkState.Connecting;
                    links[i].Available = 0;
                    links[i].ResetReason = null;
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
                link.Available = 0;
            }
            link.Changed.Set();
        }

        // "<id>,CLOSED": keep the link readable until what the ESP still holds was read.
        private void OnClosed(byte[] line, int length)
        {
            int id = LeadingNumber(line, 0, length);
            if (id < 0 || id >= links.Length) return;
            var link = links[id];
            lock (gate)
            {
                if (link.State == LinkState.Open || link.State == LinkState.Connecting) link.State = LinkState.RemoteClosed;
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
                link.Available = total;
                link.Notices++;
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
