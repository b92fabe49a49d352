using Esp32At.Wifi;

namespace Esp32At.CircuitPython
{
    /// <summary><c>wifi.Network</c>: a network seen in a scan, or the joined one (<c>Radio.ApInfo</c>). Read-only.</summary>
    public sealed class Network
    {
        private readonly byte[] bssid;

        internal Network(AccessPointInfo info, string country)
        {
            Ssid = info.Ssid;
            bssid = info.Bssid;
            Rssi = info.Rssi;
            Channel = info.Channel;
            Country = country ?? "";
            FirmwareAuthMode = info.AuthMode;
            AuthModes = Esp32At.CircuitPython.AuthModes.FromFirmware(info.AuthMode);
        }

        /// <summary>The network name (no quotes).</summary>
        public string Ssid { get; private set; }

        /// <summary>The access point's MAC, 6 bytes (a copy), or null when the firmware did not print it.</summary>
        public byte[] Bssid
        {
            get
            {
                if (bssid == null) return null;
                var copy = new byte[6];
                System.Array.Copy(bssid, copy, 6);
                return copy;
            }
        }

        /// <summary>Signal strength in dBm.</summary>
        public int Rssi { get; private set; }

        /// <summary>The channel.</summary>
        public int Channel { get; private set; }

        /// <summary>Country code: the radio's for <c>ApInfo</c>, "" for scan results (ESP-AT does not report the AP's).</summary>
        public string Country { get; private set; }

        /// <summary>The security as a set (the core's <c>authmode</c> sequence).</summary>
        public AuthMode AuthModes { get; private set; }

        /// <summary>The firmware's own auth mode value (finer than <see cref="AuthModes"/>).</summary>
        public WifiAuthMode FirmwareAuthMode { get; private set; }

        /// <summary>e.g. <c>MyAP (-48 dBm, channel 6, [wifi.AuthMode.WPA2, wifi.AuthMode.PSK])</c>.</summary>
        public override string ToString()
        {
            return Ssid + " (" + Rssi + " dBm, channel " + Channel + ", " + Esp32At.CircuitPython.AuthModes.Format(AuthModes) + ")";
        }
    }
}
