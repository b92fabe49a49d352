using System;
using System.Threading;

namespace Esp32At.Links
{
    // Clients the ESP's server accepted: the accept queue and the <id>,CONNECT URC.
    public sealed partial class ConnectionTable
    {
        private readonly int[] acceptQueue;
        private int acceptHead;
        private int acceptCount;
        private readonly AutoResetEvent accepted = new AutoResetEvent(false);

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
        /// <summary>The server is a "TCPv6"/"SSLv6" one: its clients are IPv6 links.</summary>
        internal bool ServerIpv6;

        /// <summary>Forgets clients accepted but not taken (the server stopped and closed them).</summary>
        internal void ClearAcceptQueue()
        {
            lock (gate) acceptCount = 0;
        }

        private void Enqueue(Link link)
        {
            link.Reuse(LinkState.Open, ServerKind, true);
            link.Ipv6 = ServerIpv6;
            // The id keeps its receive mode on the ESP (v2.2 opted in: every link is active).
            if (GlobalActive) link.ActiveMode = true;
            if (link.ActiveMode) AllocateActiveLocked(link, ServerKind);
            else AllocateStagingLocked(link, ServerKind);
            link.HeardTicks = DateTime.UtcNow.Ticks;
            acceptQueue[(acceptHead + acceptCount) % acceptQueue.Length] = link.Id;
            if (acceptCount < acceptQueue.Length) acceptCount++;
            accepted.Set();
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
    }
}
