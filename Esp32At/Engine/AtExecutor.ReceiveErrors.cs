using Esp32At.Transport;

namespace Esp32At.Engine
{
    // Receive errors of the transport (IAtReceiveErrors): bytes from the ESP were lost before the pump read them, so
    // whatever stream they belonged to has a hole. Checked after every read, before its bytes are parsed: the parser
    // resyncs (AtParser.Resync), and a CIPRECVDATA in flight fails (AtReceiveLostException), since its payload may hold
    // the hole; the ReceiveLost listeners (the connection table) fail the links that receive actively.
    public sealed partial class AtExecutor
    {
        private IAtReceiveErrors receiveErrorSource; // the transport, when it reports receive errors
        private int receiveErrorsSeen;
        private int receiveLosses;
        private bool resyncAtNextRead; // a loss seen while the pump was held: the bytes it reads next follow the hole
        private bool receiveHit; // the pending Receive was in flight when bytes were lost (guarded by stateLock)
        // That Receive's payload had not begun: if its header was hit, the payload follows unframed, so until the answer's
        // final result (or a header after all, or the next command) lines are noise, never URCs (guarded by stateLock).
        private bool discardAnswer;

        /// <summary>
        /// Raised (on the pump thread, or the thread of <see cref="CheckReceiveErrors"/>) when the transport reported
        /// receive errors since the last look: bytes from the ESP were lost or damaged, and which command answer, URC or
        /// <c>+IPD</c> frame they belonged to cannot be known. Handlers must not run commands.
        /// </summary>
        public event AtExecutorEventHandler ReceiveLost;

        /// <summary>How many times <see cref="ReceiveLost"/> was raised (0 when the transport does not report errors).</summary>
        public int ReceiveLosses { get { lock (stateLock) return receiveLosses; } }

        /// <summary>
        /// Looks at the transport's receive-error count now and raises <see cref="ReceiveLost"/> if it grew. The pump does
        /// this after every read; a handler that holds the pump (waiting for room) calls it so a loss meanwhile is seen
        /// (on the pump thread: the parser resyncs before the bytes the pump reads next).
        /// </summary>
        public void CheckReceiveErrors()
        {
            if (NoteReceiveErrors()) lock (stateLock) resyncAtNextRead = true;
        }

        // The pump, after a read and before its bytes are parsed: a loss now or one seen while it was held resyncs.
        private void ResyncIfLost()
        {
            bool lost = NoteReceiveErrors();
            lock (stateLock)
            {
                lost |= resyncAtNextRead;
                resyncAtNextRead = false;
            }
            if (lost) parser.Resync();
        }

        // True when the transport's count grew: fails a Receive in flight, then tells the listeners.
        private bool NoteReceiveErrors()
        {
            var source = receiveErrorSource;
            if (source == null) return false;
            int now = source.ReceiveErrors;
            bool failReceive;
            lock (stateLock)
            {
                if (now == receiveErrorsSeen) return false;
                receiveErrorsSeen = now;
                receiveLosses++;
                // Its answer is being read, or is yet to come: which of its bytes are gone cannot be known.
                failReceive = pending && !finished && receiveTarget != null;
                if (failReceive)
                {
                    receiveHit = true;
                    discardAnswer = !parser.InReceiveData; // the pump thread: the parser is not running meanwhile
                    result = AtResultCode.Error;
                    finished = true;
                    timedOut = true; // the rest of its answer is still to come: the next command waits for quiet first
                }
            }
            TraceNote("receive error on the transport: bytes from the ESP were lost");
            if (failReceive) signal.Set();
            var handler = ReceiveLost;
            if (handler != null) handler(this);
            return true;
        }

        // OnLine: a line of a hit Receive's answer whose payload may be unframed (see discardAnswer); true when dropped.
        private bool DiscardedFromHitAnswer(bool final, int length)
        {
            lock (stateLock)
            {
                if (!discardAnswer) return false;
                if (final) discardAnswer = false;
                NoiseBytes += length;
                return true;
            }
        }

        private void WatchReceiveErrors(IAtTransport transport)
        {
            receiveErrorSource = transport as IAtReceiveErrors;
            if (receiveErrorSource != null) receiveErrorsSeen = receiveErrorSource.ReceiveErrors; // earlier errors are not ours
        }
    }
}
