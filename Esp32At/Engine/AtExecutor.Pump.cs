using System;

namespace Esp32At.Engine
{
    // The pump thread (transport -> ring -> parser) and the routing of each parsed line: final result, URC, echo, information.
    public sealed partial class AtExecutor
    {
        private const int PumpReadTimeoutMs = 20;

        private void Pump()
        {
            while (Running)
            {
                try
                {
                    if (InPassthrough)
                    {
                        PumpRaw();
                        continue;
                    }
                    int offset;
                    int room = ring.GetWriteSegment(out offset);
                    if (room == 0)
                    {
                        parser.Process(ring);
                        BeginRawIfPrompted();
                        continue;
                    }
                    int n = transport.Read(ring.Storage, offset, room, PumpReadTimeoutMs);
                    if (n <= 0) continue;
                    ResyncIfLost(); // before these bytes are parsed: they may follow a hole
                    lock (stateLock)
                    {
                        lastByteTicks = DateTime.UtcNow.Ticks;
                        ring.Commit(n);
                        readsCommitted++;
                    }
                    try
                    {
                        parser.Process(ring);
                        BeginRawIfPrompted();
                    }
                    finally
                    {
                        System.Threading.Interlocked.Increment(ref readsParsed); // see IsQuietFor
                    }
                }
                catch (Exception e)
                {
                    // The pump must survive a faulty handler or transport hiccup; the pending command times out.
                    TraceNote("pump: " + e.Message);
                }
            }
        }

        void IAtStreamSink.OnLine(byte[] line, int length)
        {
            if (Trace != null) Trace.Trace("<<", AtRedactor.Redact(new string(System.Text.Encoding.UTF8.GetChars(line, 0, length))));
            AtResultCode final;
            bool isFinal = TryFinal(line, length, out final);
            if (DiscardedFromHitAnswer(isFinal, length)) return;
            if (isFinal)
            {
                Complete(final);
                return;
            }
            var handler = urcs.Find(line, length);
            if (handler != null)
            {
                handler(line, length);
                return;
            }
            lock (stateLock)
            {
                if (!pending)
                {
                    NoiseBytes += length;
                    return;
                }
                if (IsEcho(line, length)) return;
                if (pendingResponse == null)
                {
                    NoiseBytes += length; // a line nobody asked for (the caller wants no information lines)
                    return;
                }
                var text = new string(System.Text.Encoding.UTF8.GetChars(line, 0, length));
                if (StartsWith(line, length, "ERR CODE:") || StartsWith(line, length, "+ERRNO:")) pendingResponse.ErrorDetail = text;
                else pendingResponse.Add(text);
            }
        }

        void IAtStreamSink.OnNoise(int bytes)
        {
            NoiseBytes += bytes;
        }

        private bool IsEcho(byte[] line, int length)
        {
            var cmd = pendingCommand;
            if (cmd == null || cmd.Length < length) return false;
            for (int i = 0; i < length; i++) if (cmd.Data[i] != line[i]) return false;
            return true;
        }

        private static bool Equals(byte[] line, int length, string text)
        {
            if (length != text.Length) return false;
            return StartsWith(line, length, text);
        }

        private static bool StartsWith(byte[] line, int length, string text)
        {
            if (length < text.Length) return false;
            for (int i = 0; i < text.Length; i++) if (line[i] != text[i]) return false;
            return true;
        }
    }
}
