using System;
using Esp32At.Engine;

namespace Esp32At.Links
{
    // Links that can no longer be trusted (a broken stream, or the ESP rebooted) are reset, never silently reused.
    public sealed partial class ConnectionTable
    {
        private const string LostOnTheUart = "bytes from the ESP were lost on the UART (receive overrun or line error); use RTS/CTS with active receive";

        private void MarkReset(Link link, string reason)
        {
            MarkReset(link, reason, false);
        }

        // openOnEsp: the ESP still holds the connection (this side gave up on it), so Close must send CIPCLOSE.
        private void MarkReset(Link link, string reason, bool openOnEsp)
        {
            lock (gate)
            {
                link.OpenOnEsp = openOnEsp;
                link.State = LinkState.Reset;
                link.ResetReason = reason;
                link.AcceptPending = false;
                link.Available = 0;
                if (link.Stream != null) link.Stream.Clear();
            }
            link.Room.Set();
            link.Changed.Set();
        }

        // The transport lost bytes from the ESP (UART overrun, full driver buffer, framing error: IAtReceiveErrors).
        // Which +IPD frames they belonged to cannot be known, so every link the ESP sends to actively fails loudly
        // (its buffered bytes are dropped: they may be followed by the hole) instead of handing out a stream with a
        // hole. The ESP still holds those connections: Close sends CIPCLOSE for them, even after a CLOSED (until the
        // parser finds the framing again, a "<id>,CLOSED" may be payload bytes; an ERROR answer costs nothing). Passive links are left alone:
        // their data waits on the ESP and a lost notice is reconciled by CIPRECVLEN?; a read whose answer was due fails
        // in the executor (AtReceiveLostException) and only its link is reset (ReadAvailable).
        private void OnReceiveLost(AtExecutor sender)
        {
            for (int i = 0; i < links.Length; i++)
            {
                var link = links[i];
                bool hit;
                bool live;
                lock (gate)
                {
                    LinkState s = link.State;
                    hit = link.ActiveMode && !link.AcceptPending && (s == LinkState.Open || s == LinkState.Connecting || s == LinkState.RemoteClosed);
                    live = s != LinkState.RemoteClosed;
                }
                if (!hit) continue;
                MarkReset(link, LostOnTheUart, live);
            }
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
                    links[i].ActiveMode = GlobalActive; // v2.2 opted in: the set-up sends AT+CIPRECVMODE=0 again
                    links[i].TlsConfigApplied = null;
                    links[i].TlsNameApplied = null;
                    links[i].TlsAlpnApplied = null;
                    if (links[i].Datagrams != null) links[i].Datagrams.Clear();
                    if (links[i].Stream != null) links[i].Stream.Clear();
                }
            }
            ClearAcceptQueue();
            accepted.Set();
        }
    }
}
