using GHIElectronics.TinyCLR.Devices.Network.Provider;

namespace GHIElectronics.TinyCLR.Devices.Network;

/// <summary>
/// A thin controller over a provider, as TinyCLR's (TinyCLR-Libraries@a9c94720:GHIElectronics.TinyCLR.Devices.Network/Network.cs#L35-L155):
/// settings are passed to the provider first and remembered after, the provider's events are subscribed only while the
/// app has a handler (#L126-L154) and re-raised with the controller as sender (#L123-L124).
/// <see cref="SetAsDefaultController"/> is where TinyCLR routes Socket/Dns/SslStream (#L117-L121).
/// </summary>
public class NetworkController : IDisposable
{
    private NetworkLinkConnectedChangedEventHandler linkCallbacks;
    private NetworkAddressChangedEventHandler addressCallbacks;

    private NetworkController(INetworkControllerProvider provider) => Provider = provider;

    /// <summary>The provider that <c>Socket</c>, <c>Dns</c> and <c>SslStream</c> use (TinyCLR's internal <c>Socket.DefaultProvider</c>).</summary>
    public static INetworkControllerProvider DefaultProvider { get; private set; }

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

    public void SetAsDefaultController()
    {
        DefaultController = this;
        DefaultProvider = Provider;
    }
    public void Enable() => Provider.Enable();
    public void Disable() => Provider.Disable();
    public void Suspend() => Provider.Suspend();
    public void Resume() => Provider.Resume();
    public bool GetLinkConnected() => Provider.GetLinkConnected();
    public NetworkIPProperties GetIPProperties() => Provider.GetIPProperties();
    public NetworkInterfaceProperties GetInterfaceProperties() => Provider.GetInterfaceProperties();
    public void Dispose() => Provider.Dispose();

    private void OnLink(NetworkController sender, NetworkLinkConnectedChangedEventArgs e) => linkCallbacks?.Invoke(this, e);
    private void OnAddress(NetworkController sender, NetworkAddressChangedEventArgs e) => addressCallbacks?.Invoke(this, e);

    public event NetworkLinkConnectedChangedEventHandler NetworkLinkConnectedChanged
    {
        add
        {
            if (linkCallbacks == null) Provider.NetworkLinkConnectedChanged += OnLink;
            linkCallbacks += value;
        }
        remove
        {
            linkCallbacks -= value;
            if (linkCallbacks == null) Provider.NetworkLinkConnectedChanged -= OnLink;
        }
    }

    public event NetworkAddressChangedEventHandler NetworkAddressChanged
    {
        add
        {
            if (addressCallbacks == null) Provider.NetworkAddressChanged += OnAddress;
            addressCallbacks += value;
        }
        remove
        {
            addressCallbacks -= value;
            if (addressCallbacks == null) Provider.NetworkAddressChanged -= OnAddress;
        }
    }
}
