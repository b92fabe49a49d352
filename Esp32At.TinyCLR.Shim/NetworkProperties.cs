using System.Net;

namespace GHIElectronics.TinyCLR.Devices.Network;

// Get-only auto-properties, as in TinyCLR (native code fills them there; a managed provider sets the backing fields).
public class NetworkIPProperties
{
    public IPAddress Address { get; }
    public IPAddress SubnetMask { get; }
    public IPAddress GatewayAddress { get; }
    public IPAddress[] DnsAddresses { get; }
}

public class NetworkInterfaceProperties
{
    public byte[] MacAddress { get; }
    public WiFiNetworkInterfaceProperties GetWiFiProperties() => this as WiFiNetworkInterfaceProperties;
}

public class WiFiNetworkInterfaceProperties : NetworkInterfaceProperties { }

public delegate void NetworkLinkConnectedChangedEventHandler(NetworkController sender, NetworkLinkConnectedChangedEventArgs e);
public delegate void NetworkAddressChangedEventHandler(NetworkController sender, NetworkAddressChangedEventArgs e);

// Internal constructors, as in TinyCLR: a provider in another assembly cannot call them directly.
public class NetworkLinkConnectedChangedEventArgs : EventArgs
{
    internal NetworkLinkConnectedChangedEventArgs(bool connected, DateTime timestamp) { Connected = connected; Timestamp = timestamp; }
    public bool Connected { get; }
    public DateTime Timestamp { get; }
}

public class NetworkAddressChangedEventArgs : EventArgs
{
    internal NetworkAddressChangedEventArgs(DateTime timestamp) { Timestamp = timestamp; }
    public DateTime Timestamp { get; }
}
