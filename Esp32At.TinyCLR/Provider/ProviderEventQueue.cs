using System;
using System.Collections;
using System.Threading;

namespace Esp32At.TinyCLR.Provider
{
    /// <summary>The callback that raises one queued NetworkController event.</summary>
    internal delegate void ProviderEventRaiser(bool addressChanged, bool connected);

    /// <summary>
    /// Raises the provider's NetworkController events on a thread of their own, in the order the ESP reported them.
    /// Why: the ESP's URCs arrive on the AT pump thread, and GHI's own samples call <c>sender.GetIPProperties()</c> from
    /// the <c>NetworkAddressChanged</c> handler (TinyCLR-Samples@b124af52:Official Demos/SCM20260D Dev/Windows/WifiWindow.cs#L292).
    /// That is an AT command; issued on the pump thread it waits for an answer only the pump can read. TinyCLR's native
    /// providers raise these events from the native event dispatcher, never from inside the driver either
    /// (TinyCLR-Libraries@a9c94720:GHIElectronics.TinyCLR.Devices.Network/Network.cs#L866).
    /// </summary>
    internal sealed class ProviderEventQueue : IDisposable
    {
        private readonly Queue pending = new Queue();
        private readonly AutoResetEvent posted = new AutoResetEvent(false);
        private readonly ProviderEventRaiser raise;
        private Thread worker;
        private bool stopping;

        public ProviderEventQueue(ProviderEventRaiser raise)
        {
            this.raise = raise;
        }

        /// <summary>Queues one event; the worker thread starts at the first one.</summary>
        public void Post(bool addressChanged, bool connected)
        {
            lock (pending)
            {
                if (stopping) return;
                // Bit 0: connected, bit 1: address changed (a boxed int: no generics on TinyCLR 2.2).
                pending.Enqueue((connected ? 1 : 0) | (addressChanged ? 2 : 0));
                if (worker == null)
                {
                    worker = new Thread(Run);
                    worker.Start();
                }
            }
            posted.Set();
        }

        /// <summary>Stops the worker after the events already queued.</summary>
        public void Dispose()
        {
            Thread t;
            lock (pending)
            {
                stopping = true;
                t = worker;
            }
            posted.Set();
            if (t != null && t != Thread.CurrentThread) t.Join(2000);
        }

        private void Run()
        {
            while (true)
            {
                int item;
                lock (pending)
                {
                    if (pending.Count == 0)
                    {
                        if (stopping) return;
                        item = -1;
                    }
                    else item = (int)pending.Dequeue();
                }
                if (item < 0)
                {
                    posted.WaitOne();
                    continue;
                }
                try
                {
                    raise((item & 2) != 0, (item & 1) != 0);
                }
                catch (Exception)
                {
                    // An app handler's exception must not end the event thread (later events would be lost).
                }
            }
        }
    }
}
