using System;
using Esp32At.Engine;

namespace Esp32At.Links
{
    // Links that can no longer be trusted (a broken stream, or the ESP rebooted) are reset, never silently reused.
    public sealed partial class ConnectionTable
    {
        private void MarkReset(Link link, string reason)
        {
            lock (gate)
            {
                link.State = LinkState.Reset;
                link.ResetReason = reason;
                link.AcceptPending = false;
                link.Available = 0;
                if (link.Stream != null) link.Stream.Clear();
            }
            link.Room.Set();
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
