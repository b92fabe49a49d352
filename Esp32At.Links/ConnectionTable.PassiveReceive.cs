using System;
using Esp32At.Device;
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
            long deadline = 0; // taken at the first wait: a read that finds data never asks the clock
            while (true)
            {
                int available;
                lock (gate)
                {
                    if (link.State == LinkState.Reset) throw new LinkResetException(linkId, link.ResetReason);
                    if (link.State == LinkState.Free) throw new InvalidOperationException("link " + linkId + " is not open");
                    int got = TakeStagedLocked(link, buffer, offset, count);
                    if (got > 0) return got;
                    available = link.Available;
                    if (available == 0 && link.State == LinkState.RemoteClosed)
                    {
                        ReleaseLocked(link);
                        return 0;
                    }
                }
                if (available > 0)
                {
                    int ahead = ReadAhead(link, buffer, offset, count, available);
                    if (ahead > 0) return ahead;
                    if (ahead == 0) continue;
                    int n = ReadUpTo(link, buffer, offset, AskFor(link, count, available), available);
                    if (n > 0) return n;
                    continue; // the ESP had less than announced: wait for the next notice or the close
                }
                if (deadline == 0) deadline = DateTime.UtcNow.Ticks + (long)timeoutMs * TimeSpan.TicksPerMillisecond;
                if (!WaitForChange(link, deadline)) return -1;
            }
        }

        /// <summary>
        /// The length to ask AT+CIPRECVDATA for, for a buffer of <paramref name="room"/> bytes when the last notice
        /// announced <paramref name="available"/>. A stream asks for up to one receive window even above the
        /// announced total: the ESP answers with what it holds by then (never more than asked, spec §2.3), often more
        /// than the notice said, and one exchange then carries it all. Never above one window: the firmware allocates
        /// the answer at the asked size, and a real ESP32-C2 answered ERROR to 3000 on an allocation failure.
        /// Datagrams ask for exactly what was announced, so one answer never joins two.
        /// </summary>
        private static int AskFor(Link link, int room, int available)
        {
            int window = Esp32AtOptions.ReceiveWindowBytes;
            int want = link.Kind == LinkKind.Udp || available > window ? available : window;
            return room < want ? room : want;
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

        /// <summary>
        /// Reads up to <paramref name="ask"/> bytes (<see cref="AskFor"/>). ERROR to an ask above the
        /// <paramref name="available"/> bytes announced can mean the ESP lacked heap for the answer, which it allocates
        /// at the asked length plus 128 before it looks at what it holds (spec §2.3): the read is asked again for the
        /// announced total, as a driver without full-window asks would, so no byte waits behind a heap shortage.
        /// </summary>
        private int ReadUpTo(Link link, byte[] buffer, int offset, int ask, int available)
        {
            int n = ReadAvailable(link, buffer, offset, ask);
            if (n == 0 && ask > available) n = ReadAvailable(link, buffer, offset, available);
            return n;
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
                    if (n < 0) n = 0; // ERROR: nothing left after all (a notice that crossed a read, SSL length quirk, data dropped at close)
                    else lock (gate)
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
                // Not sent (the UART is in passthrough): nothing was read.
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
