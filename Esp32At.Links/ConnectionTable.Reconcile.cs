using System;
using Esp32At.Engine;

namespace Esp32At.Links
{
    // Reconciliation: a link silent for a second is asked about with AT+CIPRECVLEN? (lost or coalesced notices).
    public sealed partial class ConnectionTable
    {
        private readonly AtResponse lengths = new AtResponse();

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
    }
}
