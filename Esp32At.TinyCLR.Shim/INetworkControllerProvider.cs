using GHIElectronics.TinyCLR.Networking;

namespace GHIElectronics.TinyCLR.Devices.Network.Provider;

/// <summary>TinyCLR 2.2's network controller provider: the socket members plus 14 of its own.</summary>
public interface INetworkControllerProvider : IDisposable, INetworkProvider
{
    NetworkInterfaceType InterfaceType { get; }
    NetworkCommunicationInterface CommunicationInterface { get; }
    void Enable();
    void Disable();
    void Suspend();
    void Resume();
    bool GetLinkConnected();
    bool GetAccessPointClientLinkConnect(WiFiNetworkInterfaceSettings settings);
    NetworkIPProperties GetIPProperties();
    NetworkInterfaceProperties GetInterfaceProperties();
    void SetInterfaceSettings(NetworkInterfaceSettings settings);
    void SetCommunicationInterfaceSettings(NetworkCommunicationInterfaceSettings settings);
    event NetworkLinkConnectedChangedEventHandler NetworkLinkConnectedChanged;
    event NetworkAddressChangedEventHandler NetworkAddressChanged;
}
