using System.Net;
using GHIElectronics.TinyCLR.Devices.Uart;

namespace GHIElectronics.TinyCLR.Devices.Network;

public enum NetworkInterfaceType { Ethernet = 0, WiFi = 1, Ppp = 2 }
public enum NetworkCommunicationInterface { BuiltIn = 0, Spi = 1, Uart = 2 }
#if TINYCLR_V3
public enum WiFiMode { Station = 0, AccessPoint = 1 }
#else
public enum WiFiMode { Station = 0 }
#endif

public class NetworkInterfaceSettings
{
    public IPAddress Address { get; set; }
    public IPAddress SubnetMask { get; set; }
    public IPAddress GatewayAddress { get; set; }
    public IPAddress[] DnsAddresses { get; set; }
    public byte[] MacAddress { get; set; }
    public bool DhcpEnable { get; set; } = true;
    public bool DynamicDnsEnable { get; set; } = true;
    public byte[] TlsEntropy { get; set; }
    public bool MulticastDnsEnable { get; set; }
}

public class WiFiNetworkInterfaceSettings : NetworkInterfaceSettings
{
    public string Ssid { get; set; }
    public string Password { get; set; }
    public uint Channel { get; set; } = 1;
    public WiFiMode Mode { get; set; }
}

public class NetworkCommunicationInterfaceSettings { }

public class UartNetworkCommunicationInterfaceSettings : NetworkCommunicationInterfaceSettings
{
    public string ApiName { get; set; }
    public int BaudRate { get; set; }
    public int DataBits { get; set; }
    public UartParity Parity { get; set; }
    public UartStopBitCount StopBits { get; set; }
    public UartHandshake Handshaking { get; set; }
}
