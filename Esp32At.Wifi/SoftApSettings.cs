namespace Esp32At.Wifi
{
    /// <summary>A soft-AP configuration (<c>AT+CWSAP</c>). The password is held for restoring after a reboot and is never printed.</summary>
    public sealed class SoftApSettings
    {
        /// <summary>Creates the settings.</summary>
        public SoftApSettings(string ssid, string password, int channel, WifiAuthMode authMode, int maxConnections, bool hidden)
        {
            Ssid = ssid;
            Password = password ?? "";
            Channel = channel;
            AuthMode = authMode;
            MaxConnections = maxConnections;
            Hidden = hidden;
        }

        /// <summary>The network name.</summary>
        public string Ssid { get; private set; }

        /// <summary>The password (empty for an open network). Only set when it was configured here, never read back.</summary>
        public string Password { get; private set; }

        /// <summary>The channel (1-14).</summary>
        public int Channel { get; private set; }

        /// <summary>Open, WPA, WPA2 or WPA/WPA2 (the firmware accepts no other).</summary>
        public WifiAuthMode AuthMode { get; private set; }

        /// <summary>At most this many stations (1-10), or 0 for the firmware default.</summary>
        public int MaxConnections { get; private set; }

        /// <summary>True when the SSID is not broadcast.</summary>
        public bool Hidden { get; private set; }
    }
}
