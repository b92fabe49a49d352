using GHIElectronics.TinyCLR.Devices.Network.Provider;

namespace GHIElectronics.TinyCLR.Devices.Network;

/// <summary>
/// A thin controller over a provider, as TinyCLR's: settings are passed through and remembered, events are re-raised
/// with the controller as sender. <see cref="SetAsDefaultController"/> is where TinyCLR routes Socket/Dns/SslStream.
/// </summary>
public class NetworkController : IDisposable
{
    private NetworkController(INetworkControllerProvider provider)
    {
        Provider = provider;
        provider.NetworkLinkConnectedChanged += (_, e) => NetworkLinkConnectedChanged?.Invoke(this, e);
        provider.NetworkAddressChanged += (_, e) => NetworkAddressChanged?.Invoke(this, e);
    }

    public static NetworkController DefaultController { get; private set; }
    public INetworkControllerProvider Provider { get; }
    public NetworkInterfaceSettings ActiveInterfaceSettings { get; private set; }
    public NetworkCommunicationInterfaceSettings ActiveCommunicationInterfaceSettings { get; private set; }
    public NetworkInterfaceType InterfaceType => Provider.InterfaceType;
    public NetworkCommunicationInterface CommunicationInterface => Provider.CommunicationInterface;

    public static NetworkController FromProvider(INetworkControllerProvider provider) => new(provider ?? throw new ArgumentNullException(nameof(provider)));
    public static NetworkController GetDefault() => DefaultController;

    public void SetInterfaceSettings(NetworkInterfaceSettings settings)
    {
        Provider.SetInterfaceSettings(settings);
        ActiveInterfaceSettings = settings;
    }

    public void SetCommunicationInterfaceSettings(NetworkCommunicationInterfaceSettings settings)
    {
        Provider.SetCommunicationInterfaceSettings(settings);
        ActiveCommunicationInterfaceSettings = settings;
    }

    public void SetAsDefaultController() => DefaultController = this;
    public void Enable() => Provider.Enable();
    public void Disable() => Provider.Disable();
    public void Suspend() => Provider.Suspend();
    public void Resume() => Provider.Resume();
    public bool GetLinkConnected() => Provider.GetLinkConnected();
    public NetworkIPProperties GetIPProperties() => Provider.GetIPProperties();
    public NetworkInterfaceProperties GetInterfaceProperties() => Provider.GetInterfaceProperties();
    public void Dispose() => Provider.Dispose();

    public event NetworkLinkConnectedChangedEventHandler NetworkLinkConnectedChanged;
    public event NetworkAddressChangedEventHandler NetworkAddressChanged;
}
