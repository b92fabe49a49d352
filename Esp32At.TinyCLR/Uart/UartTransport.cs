using System;
using System.Threading;
using Esp32At.Transport;
using GHIElectronics.TinyCLR.Devices.Gpio;
using GHIElectronics.TinyCLR.Devices.Uart;

namespace Esp32At.TinyCLR.Uart
{
    /// <summary>
    /// The AT transport on a SITCore UART (e.g. <c>SC20260.UartPort.Uart5</c>), with an optional ESP reset (EN) pin.
    /// Reads drain <c>BytesToRead</c> and wait on <c>DataReceived</c> in short slices, because the event is only a hint
    /// on TinyCLR: the native driver debounces it (one event per burst) and raises it on the event-dispatch thread, so a
    /// missed event costs one slice, never data. A full read buffer (<c>ErrorReceived</c>, <c>BufferFull</c>) corrupts
    /// unread bytes in the driver; it is counted in <see cref="ReceiveErrors"/>, which the AT engine watches
    /// (<see cref="IAtReceiveErrors"/>: links receiving actively then fail). See docs/tinyclr-provider.md, "UART".
    /// </summary>
    public sealed class UartTransport : IAtTransport, IAtReceiveErrors, IDisposable
    {
        private const int SliceMs = 5;
        private readonly UartController uart;
        private readonly GpioPin reset;
        private readonly AutoResetEvent dataArrived = new AutoResetEvent(false);
        private int baudRate;
        private int receiveErrors;
        private int lastReceiveError = -1;

        /// <summary>
        /// Opens <paramref name="uartName"/> at <paramref name="baudRate"/> (8N1) with 16 KiB buffers.
        /// <paramref name="resetPin"/>: a GPIO wired to the ESP's EN pin (active low), or -1.
        /// </summary>
        public UartTransport(string uartName, int baudRate = 115200, bool hardwareFlowControl = false, int resetPin = -1)
        {
            if (uartName == null) throw new ArgumentNullException("uartName");
            uart = UartController.FromName(uartName);
            uart.ReadBufferSize = 16 * 1024;
            uart.WriteBufferSize = 16 * 1024;
            Configure(baudRate, hardwareFlowControl);
            uart.DataReceived += OnDataReceived;
            uart.ErrorReceived += OnErrorReceived;
            uart.Enable();
            if (resetPin >= 0)
            {
                reset = GpioController.GetDefault().OpenPin(resetPin);
                // Latch High before switching to output: SetDriveMode(Output) drives the latched level, which is Low for a
                // fresh pin, and a Low on EN would reset the ESP.
                reset.Write(GpioPinValue.High);
                reset.SetDriveMode(GpioPinDriveMode.Output);
            }
        }

        /// <summary>The UART's rate.</summary>
        public int BaudRate { get { return baudRate; } }

        /// <summary>Bytes waiting in the receive buffer.</summary>
        public int BytesAvailable { get { return uart.BytesToRead; } }

        /// <summary>UART receive errors reported by the driver (<c>ErrorReceived</c>): overruns, frame errors, a full read buffer.</summary>
        public int ReceiveErrors { get { return receiveErrors; } }

        /// <summary>The last <see cref="UartError"/> reported, as an int, or -1 when none was.</summary>
        public int LastReceiveError { get { return lastReceiveError; } }

        /// <summary>Whether an EN pin was given.</summary>
        public bool HasResetLine { get { return reset != null; } }

        /// <summary>Writes everything (the UART driver queues it; with RTS/CTS the ESP paces it).</summary>
        public void Write(byte[] buffer, int offset, int count)
        {
            while (count > 0)
            {
                int n = uart.Write(buffer, offset, count);
                if (n <= 0)
                {
                    Thread.Sleep(1); // the write buffer is full: let it drain
                    continue;
                }
                offset += n;
                count -= n;
            }
        }

        /// <summary>Reads what is there, waiting up to <paramref name="timeoutMs"/> for the first byte.</summary>
        public int Read(byte[] buffer, int offset, int count, int timeoutMs)
        {
            long deadline = DateTime.UtcNow.Ticks + (long)timeoutMs * TimeSpan.TicksPerMillisecond;
            while (true)
            {
                int waiting = uart.BytesToRead;
                if (waiting > 0) return uart.Read(buffer, offset, waiting < count ? waiting : count);
                long left = (deadline - DateTime.UtcNow.Ticks) / TimeSpan.TicksPerMillisecond;
                if (left <= 0) return 0;
                dataArrived.WaitOne(left < SliceMs ? (int)left : SliceMs, false);
            }
        }

        /// <summary>Changes the rate and flow control (after the ESP acknowledged its own change).</summary>
        public void SetLineSettings(int baudRate, bool hardwareFlowControl)
        {
            uart.Flush();
            uart.Disable();
            Configure(baudRate, hardwareFlowControl);
            uart.Enable();
        }

        /// <summary>
        /// Holds EN low for <paramref name="lowMs"/>, drops what the old session left in the read buffer, then releases
        /// EN: the ESP reboots. Without a reset pin nothing happens (the <see cref="IAtTransport"/> contract).
        /// </summary>
        public void PulseReset(int lowMs)
        {
            if (reset == null) return;
            reset.Write(GpioPinValue.Low);
            Thread.Sleep(lowMs);
            uart.ClearReadBuffer();
            reset.Write(GpioPinValue.High);
        }

        /// <summary>Releases the UART and the pin.</summary>
        public void Dispose()
        {
            uart.DataReceived -= OnDataReceived;
            uart.ErrorReceived -= OnErrorReceived;
            uart.Dispose();
            if (reset != null) reset.Dispose();
        }

        private void Configure(int rate, bool flow)
        {
            var setting = new UartSetting();
            setting.BaudRate = rate;
            setting.DataBits = 8;
            setting.Parity = UartParity.None;
            setting.StopBits = UartStopBitCount.One;
            setting.Handshaking = flow ? UartHandshake.RequestToSend : UartHandshake.None;
            uart.SetActiveSettings(setting);
            baudRate = rate;
        }

        private void OnDataReceived(UartController sender, DataReceivedEventArgs e)
        {
            dataArrived.Set();
        }

        private void OnErrorReceived(UartController sender, ErrorReceivedEventArgs e)
        {
            lastReceiveError = (int)e.Error;
            Interlocked.Increment(ref receiveErrors);
            dataArrived.Set();
        }
    }
}
