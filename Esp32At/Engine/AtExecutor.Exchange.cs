using System;

namespace Esp32At.Engine
{
    // The exchange state of the one pending command: written to the transport, finished by a final result line.
    public sealed partial class AtExecutor
    {
        // The pending command (guarded by stateLock).
        private bool pending;
        private AtCommandBuffer pendingCommand;
        private AtResponse pendingResponse;
        private bool pendingExpectsPrompt;
        private bool promptSeen;
        private bool finished;
        private AtResultCode result;
        // ERROR is the answer, not an exception (guarded by commandLock): set by Receive, where ERROR is routine.
        private bool errorsAsResult;

        private AtResultCode ExchangeCore(AtCommandBuffer command, AtResponse response, long deadline, int timeoutMs,
            bool expectPrompt, byte[] payload, int offset, int count)
        {
            if (response != null) response.Clear();
            lock (stateLock)
            {
                if (passthrough || passthroughStarting)
                    throw new AtCommandException(Describe(command), "passthrough",
                        Describe(command) + ": not sent, the UART is in passthrough (leave it first)");
                pending = true;
                discardAnswer = false; // the line was quiet before this command (timedOut): a hit answer is over
                pendingCommand = command;
                pendingResponse = response;
                pendingExpectsPrompt = expectPrompt;
                promptSeen = false;
                finished = false;
                signal.Reset();
            }
            if (Trace != null) Trace.Trace(">>", Describe(command));
            transport.Write(command.Data, 0, command.Length);
            try
            {
                if (expectPrompt)
                {
                    if (!WaitUntil(deadline, true)) throw new AtTimeoutException(Describe(command), timeoutMs);
                    lock (stateLock)
                    {
                        if (finished) return Finish(command, response);
                        pendingExpectsPrompt = false;
                    }
                    if (Trace != null) Trace.Trace(">>", "<" + count + " data bytes>");
                    transport.Write(payload, offset, count);
                }
                if (!WaitUntil(deadline, false)) throw new AtTimeoutException(Describe(command), timeoutMs);
                return Finish(command, response);
            }
            catch (AtTimeoutException)
            {
                lock (stateLock) timedOut = true;
                var handler = TimedOut;
                if (handler != null) handler(this);
                throw;
            }
            finally
            {
                lock (stateLock)
                {
                    pending = false;
                    pendingResponse = null;
                    pendingCommand = null;
                    pendingExpectsPrompt = false;
                }
            }
        }

        private AtResultCode Finish(AtCommandBuffer command, AtResponse response)
        {
            AtResultCode code;
            lock (stateLock) code = result;
            switch (code)
            {
                case AtResultCode.Error:
                    if (errorsAsResult) return code;
                    string detail = response != null ? response.ErrorDetail : null;
                    string failure = response != null ? response.Find("+CWJAP:") : null;
                    if (failure != null) detail = "+CWJAP:" + failure;
                    throw new AtCommandException(Describe(command), detail,
                        Describe(command) + ": ERROR" + (detail != null ? " (" + detail + ")" : ""));
                case AtResultCode.Rebooted:
                    throw new AtRebootedException(Describe(command));
                default:
                    return code;
            }
        }

        /// <summary>Waits until the command finished (or, with <paramref name="forPrompt"/>, until the prompt came).</summary>
        private bool WaitUntil(long deadline, bool forPrompt)
        {
            while (true)
            {
                lock (stateLock)
                {
                    if (finished || (forPrompt && promptSeen)) return true;
                }
                int left = Remaining(deadline);
                if (left <= 0) return false;
                signal.WaitOne(left, false);
            }
        }

        private static int Remaining(long deadline)
        {
            long ms = (deadline - DateTime.UtcNow.Ticks) / TimeSpan.TicksPerMillisecond;
            return ms > int.MaxValue ? int.MaxValue : (int)ms;
        }

        private void Complete(AtResultCode code)
        {
            lock (stateLock)
            {
                if (!pending || finished)
                {
                    NoiseBytes += 1;
                    return;
                }
                // "\r\nOK\r\n\r\n>": the OK before a data prompt is part of the prompt, not the command's end.
                if (code == AtResultCode.Ok && pendingExpectsPrompt) return;
                result = code;
                finished = true;
            }
            signal.Set();
        }

        private static bool TryFinal(byte[] line, int length, out AtResultCode code)
        {
            code = AtResultCode.Ok;
            if (Equals(line, length, "OK")) return true;
            code = AtResultCode.Error;
            if (Equals(line, length, "ERROR") || Equals(line, length, "FAIL")) return true;
            code = AtResultCode.SendOk;
            if (Equals(line, length, "SEND OK") || Equals(line, length, "+MQTTPUB:OK")) return true; // MQTTPUBRAW ends like a send
            code = AtResultCode.SendFail;
            if (Equals(line, length, "SEND FAIL") || Equals(line, length, "+MQTTPUB:FAIL")) return true;
            code = AtResultCode.SendCanceled;
            if (Equals(line, length, "SEND Canceled") || Equals(line, length, "SEND CANCELLED")) return true;
            code = AtResultCode.Busy;
            return Equals(line, length, "busy p...") || Equals(line, length, "busy s...");
        }
    }
}
