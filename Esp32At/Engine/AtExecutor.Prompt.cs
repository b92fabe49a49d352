using System;

namespace Esp32At.Engine
{
    // CIPSEND-style exchanges: the '>' data prompt (seen only while a command waits for it) and the payload hand-off.
    public sealed partial class AtExecutor
    {
        /// <summary>
        /// A CIPSEND-style exchange: sends the command, waits for <c>&gt;</c>, writes the payload, then waits for
        /// <c>SEND OK</c> / <c>SEND FAIL</c>. Never resent on busy. Returns <see cref="AtResultCode.SendOk"/> or
        /// <see cref="AtResultCode.SendFail"/>.
        /// </summary>
        public AtResultCode Send(AtCommandBuffer command, byte[] payload, int offset, int count, int timeoutMs)
        {
            if (payload == null) throw new ArgumentNullException("payload");
            if (offset < 0 || count < 0 || offset + count > payload.Length) throw new ArgumentOutOfRangeException("count", "offset/count outside the payload buffer");
            lock (commandLock)
            {
                long deadline = DateTime.UtcNow.Ticks + timeoutMs * TimeSpan.TicksPerMillisecond;
                var code = Exchange(command, null, deadline, timeoutMs, true, payload, offset, count);
                if (code == AtResultCode.Busy) throw new AtBusyException(Describe(command));
                return code;
            }
        }

        bool IAtStreamSink.ExpectsPrompt
        {
            get { lock (stateLock) return (pending && pendingExpectsPrompt && !promptSeen) || passthroughArmed; }
        }

        void IAtStreamSink.OnPrompt()
        {
            if (Trace != null) Trace.Trace("<<", ">");
            lock (stateLock)
            {
                if (passthroughArmed)
                {
                    passthroughArmed = false;
                    passthroughStarting = true; // the pump turns it on once the parser handed back the ring
                    return;
                }
                promptSeen = true;
            }
            signal.Set();
        }
    }
}
