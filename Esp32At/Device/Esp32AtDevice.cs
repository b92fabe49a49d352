using System;
using System.Collections;
using System.Threading;
using Esp32At.Engine;
using Esp32At.Transport;

namespace Esp32At.Device
{
    /// <summary>
    /// The ESP32 on the other end of the UART: brings it into the state the rest of the library relies on
    /// (echo off, multiple links, passive receive, remote info in receive answers) and knows its firmware.
    /// </summary>
    public sealed class Esp32AtDevice : IDisposable
    {
        private static readonly byte[] EscapeSequence = System.Text.Encoding.UTF8.GetBytes(DeviceCommands.EscapePassthrough);
        private const int ProbeTimeoutMs = 1000;
        private readonly IAtTransport transport;
        private readonly ArrayList restorers = new ArrayList();
        private readonly AutoResetEvent recoveryDone = new AutoResetEvent(false);
        private int bootBaud; // the rate the ESP comes up at after a reboot (AT+UART_CUR does not persist)
        private bool checkingLink; // a link check after a timeout is running (guarded by restorers)

        /// <summary>Creates the device over <paramref name="transport"/>; nothing is sent before <see cref="Initialize"/>.</summary>
        public Esp32AtDevice(IAtTransport transport, Esp32AtOptions options)
        {
            if (transport == null) throw new ArgumentNullException("transport");
            this.transport = transport;
            Options = options ?? new Esp32AtOptions();
            Executor = new AtExecutor(transport, Options.RingBufferSize);
            Executor.Rebooted += OnRebooted;
            Executor.TimedOut += OnTimedOut;
        }

        /// <summary>
        /// Raised once after the ESP rebooted on its own and the library brought it back: initialised again and every
        /// registered <see cref="IRestorable"/> restored (<c>success</c> false when that failed). Open links were
        /// already reset by then (their calls fail with a link-reset error).
        /// </summary>
        public event Esp32AtDeviceEventHandler Recovered;

        /// <summary>Registers state to put back after a reboot.</summary>
        public void AddRestorable(IRestorable restorable)
        {
            if (restorable == null) throw new ArgumentNullException("restorable");
            lock (restorers) restorers.Add(restorable);
        }

        /// <summary>Waits until a recovery in progress has finished; true when none runs or it finished in time.</summary>
        public bool WaitForRecovery(int timeoutMs)
        {
            return recoveryDone.WaitOne(timeoutMs, false);
        }

        /// <summary>The options this device was created with.</summary>
        public Esp32AtOptions Options { get; private set; }

        /// <summary>The AT command executor.</summary>
        public AtExecutor Executor { get; private set; }

        /// <summary>The firmware version (after <see cref="Initialize"/>).</summary>
        public FirmwareVersion Version { get; private set; }

        /// <summary>The UART rate in use on the host side.</summary>
        public int BaudRate { get { return transport.BaudRate; } }

        /// <summary>What the firmware can do (after <see cref="Initialize"/>).</summary>
        public Capabilities Capabilities { get; private set; }

        /// <summary>
        /// Resets the ESP (reset line) or finds it answering (leaving a stuck passthrough with <c>+++</c>), turns echo off
        /// before anything secret is sent, reads version and command list, and sets multiple links, passive receive and
        /// remote info; switches the baud rate last when asked, falling back to the old rate if the ESP is not heard.
        /// </summary>
        /// <exception cref="AtCommandException">The ESP does not answer or refuses a set-up command.</exception>
        public void Initialize()
        {
            bootBaud = transport.BaudRate;
            Executor.Start();
            Configure(true);
        }

        private void Configure(bool allowReset)
        {
            var o = Options;
            if (allowReset && o.HardResetOnInit && transport.HasResetLine)
            {
                // A banner already on its way (power-on) must not pass for the answer to our reset.
                Executor.WaitForQuiet(100, 2000);
                Executor.ExpectReady();
                transport.PulseReset(50);
                if (!Executor.WaitForReady(o.ReadyTimeoutMs)) throw new AtTimeoutException("reset (waiting for ready)", o.ReadyTimeoutMs);
                // If that was a late power-on banner, our reset's own "ready" follows: let it pass before the first command.
                Executor.WaitForQuiet(150, 2000);
            }
            if (!Probe())
            {
                // A module left in passthrough ignores AT lines until it sees a lone "+++" between idle gaps.
                Thread.Sleep(1100);
                Executor.WriteRaw(EscapeSequence, 0, EscapeSequence.Length);
                Thread.Sleep(1100);
                if (!Probe()) throw new AtTimeoutException(DeviceCommands.Attention, o.CommandTimeoutMs);
            }
            Run(DeviceCommands.EchoOff);
            Version = FirmwareVersion.Parse(ReadVersion());
            AtResponse list = null;
            try { list = Run(DeviceCommands.CommandList); }
            catch (AtCommandException) { }
            Capabilities = Capabilities.From(Version, list);
            Run(o.PersistSettings ? DeviceCommands.StoreOn : DeviceCommands.StoreOff);
            Run(DeviceCommands.MultipleLinks);
            // v2.2 has one receive mode for all links: active only when the application opted in (Esp32AtOptions).
            Run(Capabilities.HasCipRecvType ? DeviceCommands.PassiveReceiveAllLinks
                : o.ActiveTcpReceive ? DeviceCommands.ActiveReceiveGlobal : DeviceCommands.PassiveReceiveGlobal);
            Run(DeviceCommands.RemoteInfoOn);
            Executor.RemoteInfoInReceive = true;
            if (o.Ipv6) Run(DeviceCommands.Ipv6On);
            if (o.BaudRate > 0 && o.BaudRate != transport.BaudRate) SwitchBaudRate(o.BaudRate, o.HardwareFlowControl);
        }

        /// <summary>
        /// Moves both ends to <paramref name="baudRate"/> (<c>AT+UART_CUR</c>: OK comes at the old rate). If the ESP is not
        /// heard at the new rate, the host goes back to the old one and probes again; returns the rate in use.
        /// </summary>
        public int SwitchBaudRate(int baudRate, bool hardwareFlowControl)
        {
            if (baudRate < 80 || baudRate > 5000000) throw new ArgumentOutOfRangeException("baudRate", "ESP-AT accepts 80 to 5000000 baud");
            int old = transport.BaudRate;
            Run(DeviceCommands.UartCurrent + baudRate + ",8,1,0," + (hardwareFlowControl ? "3" : "0"));
            transport.SetLineSettings(baudRate, hardwareFlowControl);
            if (Probe()) return baudRate;
            transport.SetLineSettings(old, false);
            if (Probe()) return old;
            throw new AtTimeoutException(DeviceCommands.Attention + " after switching to " + baudRate + " baud", Options.CommandTimeoutMs);
        }

        // A timeout after a baud switch may mean the ESP rebooted: it then talks at its boot rate, so its "ready" came
        // garbled and was never seen. Check on a thread of its own (the caller still holds the command lock).
        private void OnTimedOut(AtExecutor sender)
        {
            if (Capabilities == null || transport.BaudRate == bootBaud) return;
            lock (restorers)
            {
                if (checkingLink) return;
                checkingLink = true;
            }
            new Thread(CheckLink).Start();
        }

        private void CheckLink()
        {
            try
            {
                if (Probe()) return; // only slow
                int rate = transport.BaudRate;
                transport.SetLineSettings(bootBaud, false);
                if (Probe())
                {
                    Executor.ReportReboot(); // links reset, then Recover() runs the set-up and switches the rate again
                    return;
                }
                transport.SetLineSettings(rate, Options.HardwareFlowControl);
            }
            catch (Exception)
            {
                // The next timeout tries again.
            }
            finally
            {
                lock (restorers) checkingLink = false;
            }
        }

        // On the pump thread: the recovery talks to the ESP, so it runs on its own thread.
        private void OnRebooted(AtExecutor sender)
        {
            if (Capabilities == null) return; // not initialised yet: Initialize handles it
            new Thread(Recover).Start();
        }

        private void Recover()
        {
            bool ok = true;
            try
            {
                if (transport.BaudRate != bootBaud) transport.SetLineSettings(bootBaud, false);
                Configure(false);
                object[] list;
                lock (restorers) list = restorers.ToArray();
                for (int i = 0; i < list.Length; i++) ((IRestorable)list[i]).Restore(this);
            }
            catch (Exception)
            {
                ok = false;
            }
            var handler = Recovered;
            if (handler != null) handler(this, ok);
            recoveryDone.Set();
        }

        /// <summary>Stops the executor's pump.</summary>
        public void Dispose()
        {
            Executor.Dispose();
        }

        private AtResponse Run(string command)
        {
            return Executor.Execute(command, Options.CommandTimeoutMs);
        }

        // AT+GMR's answer is recognisable: an OK without its "AT version:" line is a late answer to an earlier command
        // (a probe that timed out under load). Let the line go quiet and ask again, so later answers pair up again.
        private AtResponse ReadVersion()
        {
            AtResponse gmr = null;
            for (int attempt = 0; attempt < 3; attempt++)
            {
                gmr = Run(DeviceCommands.Version);
                if (gmr.Find(FirmwareVersion.AtVersionPrefix) != null) return gmr;
                Executor.WaitForQuiet(200, 2000);
            }
            return gmr;
        }

        /// <summary>True when "AT" gets an OK within a short wait (twice, since the first may meet a garbled line).</summary>
        private bool Probe()
        {
            for (int attempt = 0; attempt < 2; attempt++)
            {
                try
                {
                    Executor.Execute(DeviceCommands.Attention, ProbeTimeoutMs);
                    return true;
                }
                catch (AtCommandException)
                {
                }
            }
            return false;
        }
    }
}
