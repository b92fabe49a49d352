namespace Esp32At.Wifi
{
    /// <summary>A station on the soft-AP: its MAC and, once the soft-AP's DHCP server gave it one, its IPv4 address.</summary>
    public sealed class StationInfo
    {
        /// <summary>Creates the entry.</summary>
        public StationInfo(byte[] mac, byte[] address)
        {
            WifiText.CheckLength(mac, 6, "mac");
            Mac = mac;
            Address = address;
        }

        /// <summary>The station's MAC (6 bytes).</summary>
        public byte[] Mac { get; private set; }

        /// <summary>The station's IPv4 address (4 bytes), or null while unknown.</summary>
        public byte[] Address { get; internal set; }
    }
}
