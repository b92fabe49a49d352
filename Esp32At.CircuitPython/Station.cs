namespace Esp32At.CircuitPython
{
    /// <summary>
    /// <c>wifi.Station</c>: a station on the soft-AP (<c>Radio.StationsAp</c>). ESP-AT reports no per-station signal
    /// strength, so the core's <c>rssi</c> is not offered.
    /// </summary>
    public sealed class Station
    {
        private readonly byte[] mac;

        internal Station(byte[] mac, IPv4Address address)
        {
            this.mac = mac;
            Ipv4Address = address;
        }

        /// <summary>The station's MAC, 6 bytes (a copy).</summary>
        public byte[] MacAddress
        {
            get
            {
                var copy = new byte[6];
                System.Array.Copy(mac, copy, 6);
                return copy;
            }
        }

        /// <summary>Its address from the soft-AP's DHCP server, or null while it has none.</summary>
        public IPv4Address Ipv4Address { get; private set; }
    }
}
