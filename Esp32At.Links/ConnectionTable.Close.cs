using System;
using System.Threading;
using Esp32At.Engine;

namespace Esp32At.Links
{
    // Closing links: AT+CIPCLOSE, the <id>,CLOSED URC, and handing a reused id to its next owner.
    public sealed partial class ConnectionTable
    {
        /// <summary>Closes link <paramref name="linkId"/>; unread data is discarded. Closing a closed link is a no-op.</summary>
        public void Close(int linkId)
        {
            var link = Get(linkId);
            LinkState state;
            int generation;
            bool drained;
            lock (gate)
            {
                state = link.State;
                generation = link.Generation;
                drained = link.Drained;
                // Nobody may take this id until the ESP confirmed the close (Reserve skips closing links).
                // Also a link this side reset while the ESP still holds it (bytes lost on the UART).
                if (state == LinkState.Reset && link.OpenOnEsp) state = LinkState.Open;
                if (state != LinkState.Free)
                {
                    link.Closing = true;
                    link.Room.Set(); // an active link's pump waiting for room lets go, so CIPCLOSE's answer can come
                    link.CloseSeen = state != LinkState.Open; // no CIPCLOSE, so no CLOSED of ours will come
                }
            }
            if (state == LinkState.Open && drained && AwaitPeerClose(link)) state = LinkState.RemoteClosed;
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

        // After a read that emptied a TCP link, the peer's CLOSED (an HTTP server closing after its answer) is often on
        // the line right behind the read's OK, since the ESP reports it once the buffered data was read. Waiting until
        // the line has been quiet for a millisecond and some byte times (bounded) lets it arrive: then the ESP has
        // closed the id already and no CIPCLOSE exchange (about 5 ms of FIN handshake and an ERROR) is needed.
        // True when the CLOSED came.
        private bool AwaitPeerClose(Link link)
        {
            int baud = device.BaudRate > 0 ? device.BaudRate : 9600;
            long quiet = TimeSpan.TicksPerMillisecond + (long)PeerCloseSettleBytes * 10 * TimeSpan.TicksPerSecond / baud;
            long end = DateTime.UtcNow.Ticks + 4 * quiet;
            while (true)
            {
                lock (gate) if (link.CloseSeen) return true;
                if (executor.IsQuietFor(quiet) || DateTime.UtcNow.Ticks >= end) return false;
                Thread.Sleep(1);
            }
        }

        // The owner is done with the id: free it, or hand it to a client the ESP already accepted on it.
        private void ReleaseLocked(Link link)
        {
            link.Available = 0;
            DropStagedLocked(link);
            if (link.Stream != null) link.Stream.Clear();
            link.Room.Set(); // a pump waiting for room in this link's buffer discards the rest
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
    }
}
