using System;
using System.Threading;
using Esp32At.Transport;

namespace Esp32At.Engine
{
    /// <summary>
    /// The synchronous AT command executor: one command outstanding at a time (callers on several threads queue on a
    /// lock), a timeout on every wait, URCs dispatched through <see cref="Urcs"/> whenever they arrive.
    /// A small background thread (the pump) reads the transport into the preallocated ring buffer and parses it, so
    /// URCs are handled while the application is idle; its cost is one thread and one 20 ms read timeout loop.
    /// Steady-state sends and receives allocate nothing: commands come from <see cref="AtCommandBuffer"/>s and payloads
    /// move between the caller's buffers and the ring.
    /// </summary>
    public sealed partial class AtExecutor : IDisposable, IAtStreamSink
    {
        private const int BusyBackoffMs = 50;

        private readonly IAtTransport transport;
        private readonly RingBuffer ring;
        private readonly AtParser parser;
        private readonly object commandLock = new object();
        private readonly object stateLock = new object();
        private readonly AutoResetEvent signal = new AutoResetEvent(false);
        private readonly AtCommandBuffer textCommand = new AtCommandBuffer();
        private readonly UrcTable urcs = new UrcTable();
        private Thread pump;
        private bool running; // read by the pump each loop; written under commandLock

        /// <summary>Creates an executor over <paramref name="transport"/> with a ring of <paramref name="ringCapacity"/> bytes.</summary>
        public AtExecutor(IAtTransport transport, int ringCapacity = 8192, int maxLineLength = 512)
        {
            if (transport == null) throw new ArgumentNullException("transport");
            this.transport = transport;
            WatchReceiveErrors(transport);
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

        /// <summary>Writes raw bytes outside any command (e.g. the <c>+++</c> escape). Callers must hold no command.</summary>
        public void WriteRaw(byte[] data, int offset, int count)
        {
            lock (commandLock) transport.Write(data, offset, count);
        }

        /// <summary>Whether the pump runs (false once <see cref="Dispose"/> began): handlers that wait on the pump thread stop then.</summary>
        public bool IsRunning { get { return Running; } }

        private bool Running
        {
            get { lock (stateLock) return running; }
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
