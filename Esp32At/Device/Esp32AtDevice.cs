using System;
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
        private static readonly byte[] EscapeSequence = { (byte)'+', (byte)'+', (byte)'+' };
        private readonly IAtTransport transport;

        /// <summary>Creates the device over <paramref name="transport"/>; nothing is sent before <see cref="Initialize"/>.</summary>
        public Esp32AtDevice(IAtTransport transport, Esp32AtOptions options)
        {
            if (transport == null) throw new ArgumentNullException("transport");
            this.transport = transport;
            Options = options ?? new Esp32AtOptions();
            Executor = new AtExecutor(transport, Options.RingBufferSize);
        }

        /// <summary>The options this device was created with.</summary>
        public Esp32AtOptions Options { get; private set; }

        /// <summary>The AT command executor.</summary>
        public AtExecutor Executor { get; private set; }

        /// <summary>The firmware version (after <see cref="Initialize"/>).</summary>
        public FirmwareVersion Version { get; private set; }

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
            Executor.Start();
            var o = Options;
            if (o.HardResetOnInit && transport.HasResetLine)
            {
                Executor.ExpectReady();
                transport.PulseReset(50);
                if (!Executor.WaitForReady(o.ReadyTimeoutMs)) throw new AtTimeoutException("reset (waiting for ready)", o.ReadyTimeoutMs);
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
            Version = FirmwareVersion.Parse(Run(DeviceCommands.Version));
            AtResponse list = null;
            try { list = Run(DeviceCommands.CommandList); }
            catch (AtCommandException) { }
            Capabilities = Capabilities.From(Version, list);
            Run(o.PersistSettings ? DeviceCommands.StoreOn : DeviceCommands.StoreOff);
            Run(DeviceCommands.MultipleLinks);
            Run(Capabilities.HasCipRecvType ? DeviceCommands.PassiveReceiveAllLinks : DeviceCommands.PassiveReceiveGlobal);
            Run(DeviceCommands.RemoteInfoOn);
            Executor.RemoteInfoInReceive = true;
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

        /// <summary>Stops the executor's pump.</summary>
        public void Dispose()
        {
            Executor.Dispose();
        }

        private AtResponse Run(string command)
        {
            return Executor.Execute(command, Options.CommandTimeoutMs);
        }

        /// <summary>True when "AT" gets an OK within a short wait (twice, since the first may meet a garbled line).</summary>
        private bool Probe()
        {
            for (int attempt = 0; attempt < 2; attempt++)
            {
                try
                {
                    Executor.Execute(DeviceCommands.Attention, 500);
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
