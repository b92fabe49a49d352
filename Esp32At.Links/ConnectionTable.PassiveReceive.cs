using System;
using Esp32At.Engine;

namespace Esp32At.Links
{
    // The passive receive path: +IPD notices, AT+CIPRECVDATA straight into the caller's buffer (or the read-ahead
    // buffer, ConnectionTable.ReadAhead.cs), end of stream.
    public sealed partial class ConnectionTable
    {
        private const string LostInAnswer = "bytes from the ESP were lost on the UART during a receive answer (receive overrun or line error)";
        private readonly object receiveLock = new object();

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
        /// Reads up to <paramref name="count"/> bytes into <paramref name="buffer"/>, waiting up to
        /// <paramref name="timeoutMs"/> for data. Returns the byte count, 0 at end of stream (peer closed, all read).
        /// </summary>
        /// <exception cref="AtTimeoutException">No data within the timeout.</exception>
        public int Receive(int linkId, byte[] buffer, int offset, int count, int timeoutMs)
        {
            int n = ReceiveWithin(linkId, buffer, offset, count, timeoutMs);
            if (n < 0) throw new AtTimeoutException("receive on link " + linkId, timeoutMs);
            return n;
        }

        /// <summary>
        /// <see cref="Receive"/> for callers that wait in short slices (the faces' blocking reads): "no data within
        /// <paramref name="timeoutMs"/>" is a false return, not an exception. <paramref name="received"/> is the byte
        /// count, 0 at end of stream (the table freed the link then: forget its id).
        /// </summary>
        /// <exception cref="LinkResetException">The link was lost.</exception>
        /// <exception cref="InvalidOperationException">The link is not open.</exception>
        public bool TryReceive(int linkId, byte[] buffer, int offset, int count, int timeoutMs, out int received)
        {
            received = ReceiveWithin(linkId, buffer, offset, count, timeoutMs);
            if (received >= 0) return true;
            received = 0;
            return false;
        }

        // The receive path of both: the byte count, 0 at end of stream, -1 when nothing came in time.
        private int ReceiveWithin(int linkId, byte[] buffer, int offset, int count, int timeoutMs)
        {
            CheckBuffer(buffer, offset, count);
            if (count == 0) throw new ArgumentOutOfRangeException("count", "count must be at least 1");
            var link = Get(linkId);
            bool datagrams;
            bool stream;
            lock (gate)
            {
                datagrams = link.ActiveMode && link.Datagrams != null && link.Kind == LinkKind.Udp;
                stream = link.ActiveMode && link.Stream != null && link.Kind != LinkKind.Udp;
            }
            if (datagrams) return ReceiveDatagram(link, buffer, offset, count, timeoutMs);
            if (stream) return ReceiveStream(link, buffer, offset, count, timeoutMs);
            long deadline = DateTime.UtcNow.Ticks + (long)timeoutMs * TimeSpan.TicksPerMillisecond;
            while (true)
            {
                int available;
                int staged;
                lock (gate)
                {
                    if (link.State == LinkState.Reset) throw new LinkResetException(linkId, link.ResetReason);
                    if (link.State == LinkState.Free) throw new InvalidOperationException("link " + linkId + " is not open");
                    available = link.Available;
                    staged = StagedLocked(link);
                    if (available == 0 && staged == 0 && link.State == LinkState.RemoteClosed)
                    {
                        ReleaseLocked(link);
                        return 0;
                    }
                }
                if (staged > 0)
                {
                    int got = TakeStaged(link, buffer, offset, count);
                    if (got > 0) return got;
                    continue;
                }
                if (available > 0)
                {
                    int ahead = ReadAhead(link, buffer, offset, count, available);
                    if (ahead > 0) return ahead;
                    if (ahead == 0) continue;
                    int n = ReadAvailable(link, buffer, offset, count < available ? count : available);
                    if (n > 0) return n;
                    continue; // the ESP had less than announced: wait for the next notice or the close
                }
                if (!WaitForChange(link, deadline)) return -1;
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
                    if (link.Available > 0 || StagedLocked(link) > 0 || link.State != LinkState.Open) return true;
                }
                if (!WaitForChange(link, deadline)) return false;
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
                        link.RemoteIsIpv6 = executor.LastRemoteIsIpv6;
                        if (link.RemoteIsIpv6) executor.CopyLastRemoteIpv6(link.RemoteIpv6);
                    }
                }
            }
            catch (AtRebootedException)
            {
                throw new LinkResetException(link.Id, "the ESP rebooted");
            }
            catch (AtReceiveLostException)
            {
                // The UART lost bytes while the answer was due: the payload may have a hole, and the ESP handed it out.
                MarkReset(link, LostInAnswer, true);
                throw new LinkResetException(link.Id, LostInAnswer);
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
                link.Drained = link.Available == 0 && link.Kind != LinkKind.Udp;
                link.HeardTicks = DateTime.UtcNow.Ticks;
            }
            return n;
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
    }
}
