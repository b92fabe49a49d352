using Esp32At.Transport;

namespace Esp32At.Engine
{
    // Receive errors of the transport (IAtReceiveErrors): bytes from the ESP were lost before the pump read them, so
    // whatever stream they belonged to has a hole. Checked after every read, before its bytes are parsed.
    public sealed partial class AtExecutor
    {
        private IAtReceiveErrors receiveErrorSource; // the transport, when it reports receive errors
        private int receiveErrorsSeen;
        private int receiveLosses;

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
        /// this after every read; a handler that holds the pump (waiting for room) calls it so a loss meanwhile is seen.
        /// </summary>
        public void CheckReceiveErrors()
        {
            var source = receiveErrorSource;
            if (source == null) return;
            int now = source.ReceiveErrors;
            lock (stateLock)
            {
                if (now == receiveErrorsSeen) return;
                receiveErrorsSeen = now;
                receiveLosses++;
            }
            TraceNote("receive error on the transport: bytes from the ESP were lost");
            var handler = ReceiveLost;
            if (handler != null) handler(this);
        }

        private void WatchReceiveErrors(IAtTransport transport)
        {
            receiveErrorSource = transport as IAtReceiveErrors;
            if (receiveErrorSource != null) receiveErrorsSeen = receiveErrorSource.ReceiveErrors; // earlier errors are not ours
        }
    }
}
