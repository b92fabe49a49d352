using System;
using System.Collections;
using System.Text;
using System.Threading;
using Esp32At.Device;
using Esp32At.Engine;

namespace Esp32At.Wifi
{
    /// <summary>
    /// The ESP's Wi-Fi: station join/leave/state, scans, soft-AP, IP settings, host name, MACs, TX power, country,
    /// ping, SNTP time and mDNS. It listens to the Wi-Fi URCs (<c>WIFI ...</c>, soft-AP station notices,
    /// <c>+TIME_UPDATED</c>) and remembers what it set, so that after the ESP rebooted on its own the device's
    /// recovery puts it all back (mode, host name, MACs, country, power, soft-AP, static IP, DNS, the joined network,
    /// SNTP and mDNS). Secrets are never put into exceptions or traces.
    /// </summary>
    public sealed partial class WifiService : IRestorable
    {
        private const int JoinDefaultSeconds = 15;    // the firmware's jap_timeout default
        private const int JoinMarginMs = 5000;        // DHCP may finish after jap_timeout's association part
        private const int ScanTimeoutMs = 20000;
        private const int PingTimeoutMs = 10000;      // DNS lookup plus the firmware's own ping timeout

        private readonly Esp32AtDevice device;
        private readonly AtExecutor executor;
        private readonly object gate = new object(); // guards the remembered settings and the URC-driven state

        /// <summary>Attaches to an initialised (or about to be initialised) device, registers the Wi-Fi URCs and the restorer.</summary>
        public WifiService(Esp32AtDevice device)
        {
            if (device == null) throw new ArgumentNullException("device");
            this.device = device;
            executor = device.Executor;
            var urcs = executor.Urcs;
            urcs.RegisterExact(WifiCommands.ConnectedUrc, OnConnectedUrc);
            urcs.RegisterExact(WifiCommands.GotIpUrc, OnGotIpUrc);
            urcs.RegisterExact(WifiCommands.DisconnectUrc, OnDisconnectUrc);
            urcs.Register(WifiCommands.StationJoinedUrc, OnStationJoinedUrc);
            urcs.Register(WifiCommands.StationAddressUrc, OnStationAddressUrc);
            urcs.Register(WifiCommands.StationLeftUrc, OnStationLeftUrc);
            urcs.RegisterExact(WifiCommands.TimeUpdatedUrc, OnTimeUpdatedUrc);
            executor.Rebooted += OnRebooted;
            device.AddRestorable(this);
        }

        /// <summary>The device this service drives.</summary>
        public Esp32AtDevice Device { get { return device; } }

        /// <summary>Timeout of quick commands, in ms (the device's command timeout).</summary>
        private int QuickTimeoutMs { get { return device.Options.CommandTimeoutMs; } }

        /// <summary>A new command buffer starting with <paramref name="prefix"/>.</summary>
        private static AtCommandBuffer Command(string prefix)
        {
            return new AtCommandBuffer().Append(prefix);
        }

        /// <summary>Runs a composed command (the line end is added here) and returns its information lines.</summary>
        private AtResponse Run(AtCommandBuffer command, int timeoutMs, bool resendOnBusy)
        {
            var response = new AtResponse();
            executor.Run(command.AppendLineEnd(), response, timeoutMs, resendOnBusy);
            return response;
        }

        private AtResponse Run(AtCommandBuffer command)
        {
            return Run(command, QuickTimeoutMs, true);
        }

        private AtResponse Execute(string command)
        {
            return executor.Execute(command, QuickTimeoutMs);
        }

        /// <summary>The text after <paramref name="prefix"/> of the first matching line, or a <see cref="FormatException"/>.</summary>
        private static string Required(AtResponse response, string prefix)
        {
            var text = response.Find(prefix);
            if (text == null) throw new FormatException("the ESP's answer has no " + prefix + " line");
            return text;
        }

        private static string LineText(byte[] line, int length)
        {
            return new string(Encoding.UTF8.GetChars(line, 0, length));
        }
    }
}
