namespace Esp32At.Wifi
{
    /// <summary>An interface's IPv4 address, gateway and netmask (four bytes each, first octet first; 0.0.0.0 when unset).</summary>
    public sealed class Ipv4Settings
    {
        /// <summary>Creates the settings.</summary>
        public Ipv4Settings(byte[] address, byte[] gateway, byte[] netmask)
        {
            WifiText.CheckLength(address, 4, "address");
            WifiText.CheckLength(gateway, 4, "gateway");
            WifiText.CheckLength(netmask, 4, "netmask");
            Address = address;
            Gateway = gateway;
            Netmask = netmask;
        }

        /// <summary>The interface address.</summary>
        public byte[] Address { get; private set; }

        /// <summary>The default gateway.</summary>
        public byte[] Gateway { get; private set; }

        /// <summary>The netmask.</summary>
        public byte[] Netmask { get; private set; }

        /// <summary>True when the address is 0.0.0.0 (no address yet).</summary>
        public bool IsUnset
        {
            get { return Address[0] == 0 && Address[1] == 0 && Address[2] == 0 && Address[3] == 0; }
        }

        /// <summary>e.g. <c>192.168.1.20/255.255.255.0 via 192.168.1.1</c>.</summary>
        public override string ToString()
        {
            return WifiText.FormatIPv4(Address) + "/" + WifiText.FormatIPv4(Netmask) + " via " + WifiText.FormatIPv4(Gateway);
        }
    }
}
