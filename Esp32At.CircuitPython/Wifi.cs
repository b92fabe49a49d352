using System;
using Esp32At.Device;
using Esp32At.Engine;
using Esp32At.Transport;
using Esp32At.Wifi;

namespace Esp32At.CircuitPython
{
    /// <summary>
    /// The <c>wifi</c> module: <see cref="Init"/> brings the ESP up over a UART transport (the seed's
    /// <c>wifi.init(uart, ...)</c>), then <see cref="Radio"/> is the one <c>wifi.radio</c>.
    /// </summary>
    public static class Wifi
    {
        private static readonly object gate = new object();
        private static Esp32AtDevice device;
        private static WifiService service;
        private static Radio radio;

        /// <summary>The radio (null before a successful <see cref="Init"/>).</summary>
        public static Radio Radio { get { lock (gate) return radio; } }

        /// <summary>The device underneath (null before <see cref="Init"/>).</summary>
        public static Esp32AtDevice Device { get { lock (gate) return device; } }

        /// <summary>The full <c>AT version:</c> text (the seed's <c>wifi.at_version</c>), or null before <see cref="Init"/>.</summary>
        public static string AtVersion
        {
            get
            {
                var d = Device;
                return d == null || d.Version == null ? null : "AT version:" + d.Version.Text;
            }
        }

        /// <summary>Why the last <see cref="Init"/> returned false, or null.</summary>
        public static Exception LastInitError { get; private set; }

        /// <summary>
        /// Sets up the co-processor: optional reset (per <paramref name="options"/>), echo off, version and capabilities,
        /// passive multi-link mode, optional baud switch, then the reconnect interval, country and DNS when asked.
        /// Returns false (with <see cref="LastInitError"/>) when the ESP cannot be brought up. A second call replaces
        /// the first set-up.
        /// </summary>
        public static bool Init(IAtTransport transport, WifiInitOptions options = null)
        {
            if (transport == null) throw new ArgumentNullException("transport");
            if (options == null) options = new WifiInitOptions();
            if (options.PtPolicy < Esp32AtModule.PT_OFF || options.PtPolicy > Esp32AtModule.PT_MANUAL)
                throw new ArgumentException("illegal passthrough policy mode", "options");
            Deinit();
            LastInitError = null;
            bool hardLine = transport.HasResetLine;
            var deviceOptions = new Esp32AtOptions
            {
                HardResetOnInit = hardLine && options.HardReset == ResetPolicy.Always,
                PersistSettings = options.PersistSettings,
                BaudRate = options.BaudRate,
                HardwareFlowControl = options.HardwareFlowControl,
                Ipv6 = options.Ipv6,
                CommandTimeoutMs = options.CommandTimeoutMs
            };
            var d = new Esp32AtDevice(transport, deviceOptions);
            try
            {
                if (options.Reset == ResetPolicy.Always && !deviceOptions.HardResetOnInit)
                {
                    d.Executor.Start();
                    SoftReset(d);
                }
                if (!TryInitialize(d))
                {
                    // One more attempt after a reset, as the seed does (2 attempts in all).
                    if (hardLine && options.HardReset == ResetPolicy.OnFailure) deviceOptions.HardResetOnInit = true;
                    else if (options.Reset == ResetPolicy.OnFailure) SoftReset(d);
                    else throw LastInitError;
                    d.Initialize();
                }
                var s = new WifiService(d);
                if (options.ReconnectInterval >= 0) s.SetReconnect(options.ReconnectInterval, 0);
                if (options.Country != null) s.SetCountry(options.Country);
                if (options.DnsServers != null && options.DnsServers.Length > 0)
                {
                    var servers = new byte[options.DnsServers.Length][];
                    for (int i = 0; i < servers.Length; i++) servers[i] = new IPv4Address(options.DnsServers[i]).Packed;
                    s.SetDns(servers);
                }
                PoolResources.For(d).Passthrough.Policy = options.PtPolicy;
                lock (gate)
                {
                    device = d;
                    service = s;
                    radio = new Radio(s);
                }
                LastInitError = null;
                return true;
            }
            catch (Exception e)
            {
                LastInitError = e;
                d.Dispose();
                return false;
            }
        }

        /// <summary>Stops the device's background reader; <see cref="Radio"/> is null afterwards.</summary>
        public static void Deinit()
        {
            Esp32AtDevice d;
            lock (gate)
            {
                d = device;
                device = null;
                service = null;
                radio = null;
            }
            if (d != null) d.Dispose();
        }

        internal static WifiService Service { get { lock (gate) return service; } }

        private static bool TryInitialize(Esp32AtDevice d)
        {
            try
            {
                d.Initialize();
                return true;
            }
            catch (Exception e)
            {
                LastInitError = e;
                return false;
            }
        }

        /// <summary>The one place the face sends <c>AT+RST</c> (its answer is the <c>ready</c> the engine watches for).</summary>
        internal static void SendRestart(Esp32AtDevice d) => d.Executor.Execute(ModuleCommands.Restart, d.Options.CommandTimeoutMs);

        /// <summary>Sends <c>AT+RST</c> and waits for <c>ready</c> (our own reset: not reported as a reboot).</summary>
        internal static void SoftReset(Esp32AtDevice d)
        {
            // A power-on banner still on its way must not pass for the answer to this reset (as in Esp32AtDevice).
            d.Executor.WaitForQuiet(100, 2000);
            d.Executor.ExpectReady();
            try { SendRestart(d); }
            catch (AtCommandException) { } // a stuck ESP may not answer; the ready below decides
            if (!d.Executor.WaitForReady(d.Options.ReadyTimeoutMs)) throw new AtTimeoutException(ModuleCommands.Restart + " (waiting for ready)", d.Options.ReadyTimeoutMs);
            d.Executor.WaitForQuiet(150, 2000);
        }
    }
}
