namespace Esp32At.Wifi
{
    /// <summary>
    /// One network from a scan (<c>+CWLAP:</c>) or the joined one (<c>+CWJAP:</c>). Fields the firmware did not print
    /// (because of <c>AT+CWLAPOPT</c>) are -1, an empty SSID or a null BSSID.
    /// </summary>
    public sealed class AccessPointInfo
    {
        internal AccessPointInfo()
        {
            Ssid = "";
            Rssi = -1;
            Channel = -1;
            AuthMode = (WifiAuthMode)(-1);
            PairwiseCipher = -1;
            GroupCipher = -1;
            Protocols = -1;
            Wps = -1;
        }

        /// <summary>The network name.</summary>
        public string Ssid { get; internal set; }

        /// <summary>The access point's MAC (6 bytes), or null.</summary>
        public byte[] Bssid { get; internal set; }

        /// <summary>Signal strength in dBm.</summary>
        public int Rssi { get; internal set; }

        /// <summary>The channel.</summary>
        public int Channel { get; internal set; }

        /// <summary>The security (<c>&lt;ecn&gt;</c>); -1 when not printed.</summary>
        public WifiAuthMode AuthMode { get; internal set; }

        /// <summary>Pairwise cipher (ESP-IDF enum), -1 when not printed.</summary>
        public int PairwiseCipher { get; internal set; }

        /// <summary>Group cipher (ESP-IDF enum), -1 when not printed.</summary>
        public int GroupCipher { get; internal set; }

        /// <summary>PHY bitmask: bit0 b, bit1 g, bit2 n, bit3 LR, bit4 ax; -1 when not printed.</summary>
        public int Protocols { get; internal set; }

        /// <summary>1 when WPS is on, 0 when off, -1 when not printed.</summary>
        public int Wps { get; internal set; }
    }
}
