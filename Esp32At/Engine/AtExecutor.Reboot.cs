using System;
using System.Threading;

namespace Esp32At.Engine
{
    // Reboot detection: an unexpected 'ready' fails the pending command and raises Rebooted; one announced by ExpectReady does not.
    public sealed partial class AtExecutor
    {
        private readonly AutoResetEvent readySignal = new AutoResetEvent(false);

        private bool readyExpected; // a reset we caused: its ready is not an unexpected reboot

        /// <summary>Raised when the ESP rebooted on its own (a <c>ready</c> not announced by <see cref="ExpectReady"/>).</summary>
        public event AtExecutorEventHandler Rebooted;

        /// <summary>Tells the listeners of <see cref="Rebooted"/> that the ESP rebooted although no <c>ready</c> was read (e.g. it came garbled at another baud rate).</summary>
        public void ReportReboot()
        {
            var handler = Rebooted;
            if (handler != null) handler(this);
        }

        /// <summary>Waits for the <c>ready</c> banner (after a reset). Returns false on timeout.</summary>
        public bool WaitForReady(int timeoutMs)
        {
            return readySignal.WaitOne(timeoutMs, false);
        }

        /// <summary>Forgets an earlier <c>ready</c> (call before resetting the ESP).</summary>
        public void ExpectReady()
        {
            lock (stateLock) readyExpected = true;
            readySignal.Reset();
        }

        private void OnReady(byte[] line, int length)
        {
            // Decide before waking a WaitForReady caller: a command it sends next was not cut short by this boot.
            bool wasPending;
            bool expected;
            lock (stateLock)
            {
                wasPending = pending;
                expected = readyExpected;
                readyExpected = false;
            }
            // The listeners are read before a WaitForReady caller wakes: one subscribed after that wait returned must
            // not hear of the very ready it waited for (it did, now and then, when this thread lost the CPU here).
            var handler = expected ? null : Rebooted;
            readySignal.Set();
            // Listeners hear of the reboot before the interrupted caller sees its exception.
            if (handler != null) handler(this);
            if (wasPending) Complete(AtResultCode.Rebooted);
        }
    }
}
