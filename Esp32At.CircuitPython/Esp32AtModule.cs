using System;
using Esp32At.Device;
using Esp32At.Engine;
using Esp32At.Wifi;

namespace Esp32At.CircuitPython
{
    /// <summary>
    /// The <c>esp32at</c> module: raw AT access and ESP system functions (version, capabilities, SNTP time, resets,
    /// baud rate) for what the core API has no place for. Works on the device set up by <see cref="Wifi.Init"/>.
    /// </summary>
    public static class Esp32AtModule
    {
        /// <summary>
        /// Runs one AT command line (without CR LF) and returns its information lines (URCs are not among them). The
        /// seed's <c>send_atcmd</c>; the line passes the library's redaction in traces and errors.
        /// </summary>
        /// <exception cref="AtCommandException">ERROR, busy, reboot or timeout.</exception>
        public static string[] Execute(string command, int timeoutMs = 5000)
        {
            if (command == null) throw new ArgumentNullException("command");
            if (command.IndexOf('\r') >= 0 || command.IndexOf('\n') >= 0) throw new ArgumentException("one command line, without CR LF", "command");
            var response = RequireDevice().Executor.Execute(command, timeoutMs);
            var lines = new string[response.LineCount];
            for (int i = 0; i < lines.Length; i++) lines[i] = response.GetLine(i);
            return lines;
        }

        /// <summary>The lines of <see cref="Execute(string, int)"/> that start with <paramref name="prefix"/> (the seed's reply filter).</summary>
        public static string[] Execute(string command, string prefix, int timeoutMs)
        {
            var all = Execute(command, timeoutMs);
            int n = 0;
            for (int i = 0; i < all.Length; i++) if (WifiText.StartsWith(all[i], prefix)) n++;
            var result = new string[n];
            n = 0;
            for (int i = 0; i < all.Length; i++) if (WifiText.StartsWith(all[i], prefix)) result[n++] = all[i];
            return result;
        }

        /// <summary>The full <c>AT version:</c> line.</summary>
        public static string AtVersion { get { return "AT version:" + RequireDevice().Version.Text; } }

        /// <summary>The parsed firmware version (the seed's <c>at_version_short</c> is Major, Minor, Patch).</summary>
        public static FirmwareVersion FirmwareVersion { get { return RequireDevice().Version; } }

        /// <summary>What the firmware can do.</summary>
        public static Capabilities Capabilities { get { return RequireDevice().Capabilities; } }

        /// <summary>Configures SNTP (<c>AT+CIPSNTPCFG</c>); see <see cref="WifiService.ConfigureSntp"/>.</summary>
        public static void ConfigureSntp(bool enable, int timezone, string[] servers)
        {
            RequireService().ConfigureSntp(enable, timezone, servers);
        }

        /// <summary>Waits for the ESP's next SNTP synchronisation; false on timeout.</summary>
        public static bool WaitForTimeUpdate(int timeoutMs)
        {
            return RequireService().WaitForTimeUpdate(timeoutMs);
        }

        /// <summary>The ESP's clock in its configured time zone (<c>AT+CIPSNTPTIME?</c>; 1970 before a synchronisation).</summary>
        public static DateTime SntpTime()
        {
            return RequireService().QuerySntpTime();
        }

        /// <summary>
        /// Restarts the ESP (<c>AT+RST</c>). The library then sets it up again and restores what the Wi-Fi service set
        /// (network, soft-AP, ...); returns true when that finished within <paramref name="timeoutMs"/>.
        /// </summary>
        public static bool SoftReset(int timeoutMs = 15000)
        {
            var d = RequireDevice();
            d.WaitForRecovery(0); // drop the signal of an earlier recovery
            Wifi.SendRestart(d);
            return d.WaitForRecovery(timeoutMs);
        }

        /// <summary>
        /// Erases the ESP's stored settings and restarts it (<c>AT+RESTORE</c>); the Wi-Fi service forgets what it would
        /// restore, so the ESP comes back bare (at its factory baud rate, set up again by the library). True when that
        /// finished within <paramref name="timeoutMs"/>.
        /// </summary>
        public static bool FactoryReset(int timeoutMs = 15000)
        {
            var d = RequireDevice();
            RequireService().ForgetSettings();
            d.WaitForRecovery(0);
            d.Executor.Execute(ModuleCommands.FactoryReset, d.Options.CommandTimeoutMs);
            return d.WaitForRecovery(timeoutMs);
        }

        /// <summary>Moves both ends to <paramref name="baudRate"/> (<c>AT+UART_CUR</c>, not persistent); returns the rate in use.</summary>
        public static int SetBaudRate(int baudRate, bool hardwareFlowControl)
        {
            return RequireDevice().SwitchBaudRate(baudRate, hardwareFlowControl);
        }

        /// <summary>Passthrough policy: off (the default; sockets are multi-link, passive receive).</summary>
        public const int PT_OFF = PassthroughState.Off;

        /// <summary>Passthrough policy: a socket's connect opens the one passthrough link and enters it; close leaves it.</summary>
        public const int PT_AUTO = PassthroughState.Auto;

        /// <summary>Passthrough policy: connect opens the passthrough link in command mode; <see cref="Passthrough"/> enters and leaves it.</summary>
        public const int PT_MANUAL = PassthroughState.Manual;

        /// <summary>
        /// The seed's <c>pt_policy</c> of the device of <see cref="Wifi.Init"/> (<see cref="PT_OFF"/>, <see cref="PT_AUTO"/>, <see cref="PT_MANUAL"/>), read by
        /// each later connect. Under AUTO/MANUAL a connect (TCP, SSL, or UDP with its fixed remote) needs every other
        /// link and the server closed: passthrough is single-connection (<c>AT+CIPMUX=0</c>, restored to 1 at close).
        /// </summary>
        /// <exception cref="ArgumentException">Not one of the three (the seed's ValueError).</exception>
        public static int PtPolicy
        {
            get { return PoolResources.For(RequireDevice()).Passthrough.Policy; }
            set { PoolResources.For(RequireDevice()).Passthrough.Policy = value; }
        }

        /// <summary>
        /// The seed's <c>passthrough</c>: true while the UART is a raw pipe to the passthrough socket's link. Setting
        /// true sends <c>AT+CIPSEND</c> (waits for <c>&gt;</c>), false the timed <c>+++</c> (then 1 s, as Espressif
        /// says); no AT command can run in between (they throw <see cref="AtCommandException"/>).
        /// </summary>
        /// <exception cref="InvalidOperationException">No socket is connected in passthrough, or the firmware refused.</exception>
        public static bool Passthrough
        {
            get
            {
                var s = PoolResources.For(RequireDevice()).Passthrough.Owner;
                return s != null && s.PassthroughActive;
            }
            set
            {
                var s = PoolResources.For(RequireDevice()).Passthrough.Owner;
                if (s == null)
                {
                    if (!value) return;
                    throw new InvalidOperationException("could not enter passthrough-mode: no socket is connected with PtPolicy PT_MANUAL or PT_AUTO");
                }
                s.SetPassthrough(value);
            }
        }

        private static Esp32AtDevice RequireDevice()
        {
            var d = Wifi.Device;
            if (d == null) throw new InvalidOperationException("call Wifi.Init first");
            return d;
        }

        private static WifiService RequireService()
        {
            var s = Wifi.Service;
            if (s == null) throw new InvalidOperationException("call Wifi.Init first");
            return s;
        }
    }
}
