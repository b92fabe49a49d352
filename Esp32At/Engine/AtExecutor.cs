using System;
using System.Threading;
using Esp32At.Transport;

namespace Esp32At.Engine
{
    /// <summary>Raised on the pump thread.</summary>
    public delegate void AtExecutorEventHandler(AtExecutor sender);

    /// <summary>Receives active-mode <c>+IPD</c> payload pieces on the pump thread. Must not call the executor.</summary>
    public delegate void ActiveDataHandler(int linkId, byte[] buffer, int offset, int count);

    /// <summary>An active-mode <c>+IPD</c> frame begins: its link, payload length and (with CIPDINFO=1) sender.</summary>
    public delegate void ActiveFrameHandler(int linkId, int length, uint remoteAddress, int remotePort);

    /// <summary>
    /// The synchronous AT command executor: one command outstanding at a time (callers on several threads queue on a
    /// lock), a timeout on every wait, URCs dispatched through <see cref="Urcs"/> whenever they arrive.
    /// A small background thread (the pump) reads the transport into the preallocated ring buffer and parses it, so
    /// URCs are handled while the application is idle; its cost is one thread and one 20 ms read timeout loop.
    /// Steady-state sends and receives allocate nothing: commands come from <see cref="AtCommandBuffer"/>s and payloads
    /// move between the caller's buffers and the ring.
    /// </summary>
    public sealed class AtExecutor : IDisposable, IAtStreamSink
    {
        private const int PumpReadTimeoutMs = 20;
        private const int BusyBackoffMs = 50;
        private const int MaxActiveFrame = 2920;
        private const int ResyncQuietMs = 100;
        private const int ResyncMaxMs = 1000;

        private readonly IAtTransport transport;
        private readonly RingBuffer ring;
        private readonly AtParser parser;
        private readonly object commandLock = new object();
        private readonly object stateLock = new object();
        private readonly AutoResetEvent signal = new AutoResetEvent(false);
        private readonly AutoResetEvent readySignal = new AutoResetEvent(false);
        private readonly AtCommandBuffer textCommand = new AtCommandBuffer();
        private readonly UrcTable urcs = new UrcTable();
        private Thread pump;
        private bool running; // read by the pump each loop; written under commandLock

        // The pending command (guarded by stateLock).
        private bool pending;
        private AtCommandBuffer pendingCommand;
        private AtResponse pendingResponse;
        private bool pendingExpectsPrompt;
        private bool promptSeen;
        private bool finished;
        private AtResultCode result;
        private byte[] receiveTarget;
        private int receiveOffset;
        private int receiveCapacity;
        private int received;
        private int activeLinkId;
        private bool readyExpected; // a reset we caused: its ready is not an unexpected reboot
        private long lastByteTicks; // when the pump last received anything
        private bool timedOut; // the last exchange timed out: its late answer may still come

        /// <summary>Creates an executor over <paramref name="transport"/> with a ring of <paramref name="ringCapacity"/> bytes.</summary>
        public AtExecutor(IAtTransport transport, int ringCapacity = 8192, int maxLineLength = 512)
        {
            if (transport == null) throw new ArgumentNullException("transport");
            this.transport = transport;
            ring = new RingBuffer(ringCapacity);
            parser = new AtParser(this, maxLineLength);
            urcs.RegisterExact("ready", OnReady);
        }

        /// <summary>The URC handler table; layers above register their prefixes here.</summary>
        public UrcTable Urcs { get { return urcs; } }

        /// <summary>An optional trace sink (null: no trace, no cost).</summary>
        public IAtTraceSink Trace { get; set; }

        /// <summary>The ring buffer (for its high-water mark).</summary>
        public RingBuffer Ring { get { return ring; } }

        /// <summary>True when <c>+CIPRECVDATA</c> answers carry the remote address (after <c>AT+CIPDINFO=1</c>).</summary>
        public bool RemoteInfoInReceive { get; set; }

        /// <summary>Receives active-mode <c>+IPD</c> data, when the firmware is in active receive mode.</summary>
        public ActiveDataHandler ActiveData { get; set; }

        /// <summary>Told on the pump thread when an active-mode frame begins, before its payload goes to <see cref="ActiveData"/>.</summary>
        public ActiveFrameHandler ActiveFrame { get; set; }

        /// <summary>Raised when the ESP rebooted on its own (a <c>ready</c> not announced by <see cref="ExpectReady"/>).</summary>
        public event AtExecutorEventHandler Rebooted;

        /// <summary>
        /// Raised on the caller's thread when a command timed out (the caller still holds the command lock: handlers
        /// must not call the executor; start a thread instead).
        /// </summary>
        public event AtExecutorEventHandler TimedOut;

        /// <summary>Tells the listeners of <see cref="Rebooted"/> that the ESP rebooted although no <c>ready</c> was read (e.g. it came garbled at another baud rate).</summary>
        public void ReportReboot()
        {
            var handler = Rebooted;
            if (handler != null) handler(this);
        }

        /// <summary>Remote IPv4 address of the last <see cref="Receive"/> (first octet in the lowest byte), 0 when unknown.</summary>
        public uint LastRemoteAddress { get; private set; }

        /// <summary>Remote port of the last <see cref="Receive"/>, 0 when unknown.</summary>
        public int LastRemotePort { get; private set; }

        /// <summary>Bytes skipped as noise (garbage, over-long lines, lines no command or URC handler claimed).</summary>
        public int NoiseBytes { get; private set; }

        /// <summary>Starts the pump thread.</summary>
        public void Start()
        {
            if (Running) return;
            lock (stateLock) running = true;
            pump = new Thread(Pump);
            pump.Start();
        }

        /// <summary>Stops the pump thread and fails a pending command.</summary>
        public void Dispose()
        {
            lock (stateLock) running = false;
            if (pump != null) pump.Join();
            pump = null;
        }

        /// <summary>Runs a command given as text (allocates; for set-up and queries) and returns its information lines.</summary>
        /// <exception cref="AtCommandException">ERROR, busy, reboot or timeout.</exception>
        public AtResponse Execute(string command, int timeoutMs, bool resendOnBusy = true)
        {
            var response = new AtResponse();
            lock (commandLock)
            {
                textCommand.Clear().Append(command).AppendLineEnd();
                Run(textCommand, response, timeoutMs, resendOnBusy);
            }
            return response;
        }

        /// <summary>
        /// Runs a composed command (with its CR LF). <paramref name="response"/> (may be null) collects information lines.
        /// <paramref name="resendOnBusy"/>: whether the command may be sent again after <c>busy p...</c>; never for
        /// CIPSEND, CIPSTART or CWJAP (esp-at#993): those throw <see cref="AtBusyException"/> so the caller can check state.
        /// </summary>
        public AtResultCode Run(AtCommandBuffer command, AtResponse response, int timeoutMs, bool resendOnBusy)
        {
            lock (commandLock)
            {
                long deadline = DateTime.UtcNow.Ticks + timeoutMs * TimeSpan.TicksPerMillisecond;
                while (true)
                {
                    var code = Exchange(command, response, deadline, timeoutMs, false, null, 0, 0);
                    if (code != AtResultCode.Busy) return code;
                    if (!resendOnBusy) throw new AtBusyException(Describe(command));
                    if (Remaining(deadline) <= BusyBackoffMs) throw new AtTimeoutException(Describe(command), timeoutMs);
                    TraceNote("busy: resending");
                    Thread.Sleep(BusyBackoffMs);
                }
            }
        }

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

        /// <summary>
        /// A CIPRECVDATA-style exchange: the payload is copied straight into <paramref name="buffer"/>. Returns the byte
        /// count; <see cref="LastRemoteAddress"/>/<see cref="LastRemotePort"/> tell where it came from (with CIPDINFO=1).
        /// </summary>
        public int Receive(AtCommandBuffer command, byte[] buffer, int offset, int count, int timeoutMs)
        {
            if (buffer == null) throw new ArgumentNullException("buffer");
            if (offset < 0 || count < 0 || offset + count > buffer.Length) throw new ArgumentOutOfRangeException("count", "offset/count outside the receive buffer");
            lock (commandLock)
            {
                lock (stateLock)
                {
                    receiveTarget = buffer;
                    receiveOffset = offset;
                    receiveCapacity = count;
                    received = 0;
                }
                try
                {
                    Run(command, null, timeoutMs, true);
                    return received;
                }
                finally
                {
                    lock (stateLock) receiveTarget = null;
                }
            }
        }

        /// <summary>Waits for the <c>ready</c> banner (after a reset). Returns false on timeout.</summary>
        public bool WaitForReady(int timeoutMs)
        {
            return readySignal.WaitOne(timeoutMs, false);
        }

        /// <summary>
        /// Waits until nothing has arrived for <paramref name="quietMs"/> (at most <paramref name="maxMs"/>), so that
        /// what the ESP said earlier (a boot banner) is consumed before a reset whose answer must not be confused with it.
        /// </summary>
        public void WaitForQuiet(int quietMs, int maxMs)
        {
            long start = DateTime.UtcNow.Ticks;
            long end = start + maxMs * TimeSpan.TicksPerMillisecond;
            while (DateTime.UtcNow.Ticks < end)
            {
                long last;
                lock (stateLock) last = lastByteTicks > start ? lastByteTicks : start;
                long quietFor = (DateTime.UtcNow.Ticks - last) / TimeSpan.TicksPerMillisecond;
                if (quietFor >= quietMs && transport.BytesAvailable == 0) return;
                Thread.Sleep(quietMs / 4 + 1);
            }
        }

        /// <summary>Forgets an earlier <c>ready</c> (call before resetting the ESP).</summary>
        public void ExpectReady()
        {
            lock (stateLock) readyExpected = true;
            readySignal.Reset();
        }

        /// <summary>Writes raw bytes outside any command (e.g. the <c>+++</c> escape). Callers must hold no command.</summary>
        public void WriteRaw(byte[] data, int offset, int count)
        {
            lock (commandLock) transport.Write(data, offset, count);
        }

        private AtResultCode Exchange(AtCommandBuffer command, AtResponse response, long deadline, int timeoutMs,
            bool expectPrompt, byte[] payload, int offset, int count)
        {
            if (!Running) throw new InvalidOperationException("the AT executor is not started");
            bool resync;
            lock (stateLock)
            {
                resync = timedOut;
                timedOut = false;
            }
            // A late OK of a command that timed out must not pass for this command's answer: let it arrive as noise first.
            if (resync) WaitForQuiet(ResyncQuietMs, ResyncMaxMs);
            return ExchangeCore(command, response, deadline, timeoutMs, expectPrompt, payload, offset, count);
        }

        private AtResultCode ExchangeCore(AtCommandBuffer command, AtResponse response, long deadline, int timeoutMs,
            bool expectPrompt, byte[] payload, int offset, int count)
        {
            if (response != null) response.Clear();
            lock (stateLock)
            {
                pending = true;
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

        private void Pump()
        {
            while (Running)
            {
                try
                {
                    int offset;
                    int room = ring.GetWriteSegment(out offset);
                    if (room == 0)
                    {
                        parser.Process(ring);
                        continue;
                    }
                    int n = transport.Read(ring.Storage, offset, room, PumpReadTimeoutMs);
                    if (n <= 0) continue;
                    lock (stateLock) lastByteTicks = DateTime.UtcNow.Ticks;
                    ring.Commit(n);
                    parser.Process(ring);
                }
                catch (Exception e)
                {
                    // The pump must survive a faulty handler or transport hiccup; the pending command times out.
                    TraceNote("pump: " + e.Message);
                }
            }
        }

        private bool Running
        {
            get { lock (stateLock) return running; }
        }

        bool IAtStreamSink.ExpectsPrompt
        {
            get { lock (stateLock) return pending && pendingExpectsPrompt && !promptSeen; }
        }

        void IAtStreamSink.OnPrompt()
        {
            if (Trace != null) Trace.Trace("<<", ">");
            lock (stateLock) promptSeen = true;
            signal.Set();
        }

        void IAtStreamSink.OnLine(byte[] line, int length)
        {
            if (Trace != null) Trace.Trace("<<", AtRedactor.Redact(new string(System.Text.Encoding.UTF8.GetChars(line, 0, length))));
            AtResultCode final;
            if (TryFinal(line, length, out final))
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

        void IAtStreamSink.OnDataStart(AtDataKind kind, byte[] header, int headerLength, int length)
        {
            if (kind == AtDataKind.ActiveIpd)
            {
                activeLinkId = ParseIpdLinkId(header, headerLength);
                var frameHandler = ActiveFrame;
                if (frameHandler != null)
                {
                    uint from;
                    int fromPort;
                    ParseRemote(header, headerLength, out from, out fromPort);
                    frameHandler(activeLinkId, length, from, fromPort);
                }
                return;
            }
            uint address;
            int port;
            ParseRemote(header, headerLength, out address, out port);
            LastRemoteAddress = address;
            LastRemotePort = port;
        }

        void IAtStreamSink.OnData(AtDataKind kind, byte[] buffer, int offset, int count)
        {
            if (kind == AtDataKind.ActiveIpd)
            {
                var sinkHandler = ActiveData;
                if (sinkHandler != null) sinkHandler(activeLinkId, buffer, offset, count);
                return;
            }
            lock (stateLock)
            {
                if (receiveTarget == null)
                {
                    NoiseBytes += count;
                    return;
                }
                int room = receiveCapacity - received;
                int n = count < room ? count : room;
                Array.Copy(buffer, offset, receiveTarget, receiveOffset + received, n);
                received += n;
                NoiseBytes += count - n;
            }
        }

        int IAtStreamSink.MaxDataLength(AtDataKind kind)
        {
            // +IPD frames carry at most 2920 bytes (spec §3); +CIPRECVDATA at most what the pending read asked for.
            if (kind == AtDataKind.ActiveIpd) return MaxActiveFrame;
            lock (stateLock) return receiveTarget != null ? receiveCapacity : -1;
        }

        void IAtStreamSink.OnNoise(int bytes)
        {
            NoiseBytes += bytes;
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
            readySignal.Set();
            // Listeners hear of the reboot before the interrupted caller sees its exception.
            var handler = Rebooted;
            if (handler != null && !expected) handler(this);
            if (wasPending) Complete(AtResultCode.Rebooted);
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
            if (Equals(line, length, "SEND OK")) return true;
            code = AtResultCode.SendFail;
            if (Equals(line, length, "SEND FAIL")) return true;
            code = AtResultCode.SendCanceled;
            if (Equals(line, length, "SEND Canceled") || Equals(line, length, "SEND CANCELLED")) return true;
            code = AtResultCode.Busy;
            return Equals(line, length, "busy p...") || Equals(line, length, "busy s...");
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

        // "+IPD,<id>,<len>..." has a link id only when a second number follows the first.
        private static int ParseIpdLinkId(byte[] header, int length)
        {
            int i = 5;
            int first = 0;
            while (i < length && header[i] >= '0' && header[i] <= '9') first = first * 10 + (header[i++] - '0');
            if (i + 1 < length && header[i] == ',' && header[i + 1] >= '0' && header[i + 1] <= '9') return first;
            return 0;
        }

        // "...,\"a.b.c.d\",<port>[,:]" of a +CIPRECVDATA or +IPD header -> the sender, without allocating.
        private static void ParseRemote(byte[] header, int length, out uint address, out int port)
        {
            address = 0;
            port = 0;
            int quote = -1;
            for (int i = 0; i < length; i++) if (header[i] == '"') { quote = i; break; }
            if (quote >= 0)
            {
                int i = quote + 1;
                int octet = 0;
                int shift = 0;
                for (; i < length && header[i] != '"'; i++)
                {
                    if (header[i] == '.') { address |= (uint)(octet & 0xFF) << shift; shift += 8; octet = 0; }
                    else octet = octet * 10 + (header[i] - '0');
                }
                address |= (uint)(octet & 0xFF) << shift;
                for (i += 2; i < length && header[i] >= '0' && header[i] <= '9'; i++) port = port * 10 + (header[i] - '0');
            }
        }

        private string Describe(AtCommandBuffer command)
        {
            return AtRedactor.Redact(command.ToString());
        }

        private void TraceNote(string text)
        {
            var t = Trace;
            if (t != null) t.Trace("--", text);
        }
    }
}
