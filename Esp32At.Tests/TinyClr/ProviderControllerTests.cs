using GHIElectronics.TinyCLR.Framework;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Text;
using GHIElectronics.TinyCLR.Devices.Network;
using GHIElectronics.TinyCLR.Devices.Uart;

namespace Esp32At.Tests.TinyClr;

/// <summary>The NetworkController members of the provider, as a TinyCLR app uses them.</summary>
public class ProviderControllerTests
{
    [Fact]
    public void DescribesItselfAsWifiOverUart()
    {
        using var f = new ProviderFixture(enable: false);
        Assert.Equal(NetworkInterfaceType.WiFi, f.Controller.InterfaceType);
        Assert.Equal(NetworkCommunicationInterface.Uart, f.Controller.CommunicationInterface);
        Assert.False(f.Controller.GetLinkConnected());
    }

    [Fact]
    public void EnableJoinsAndRaisesTheFrameworkEventsWithArguments()
    {
        using var f = new ProviderFixture(enable: false);
        var link = new List<bool>();
        int addressChanges = 0;
        f.Controller.NetworkLinkConnectedChanged += (s, e) => { Assert.Same(f.Controller, s); lock (link) link.Add(e.Connected); };
        f.Controller.NetworkAddressChanged += (s, e) => { Assert.NotEqual(default, e.Timestamp); Interlocked.Increment(ref addressChanges); };
        f.Controller.Enable();
        Assert.True(f.Controller.GetLinkConnected());
        // The events come from the provider's event thread (ProviderEventQueue), so they may land just after Enable.
        Assert.True(SpinWait.SpinUntil(() => Volatile.Read(ref addressChanges) == 1, 5000));
        Assert.True(SpinWait.SpinUntil(() => { lock (link) return link.Count == 1; }, 5000));
        lock (link) Assert.Equal(new[] { true }, link);
        f.Controller.Disable();
        Assert.True(SpinWait.SpinUntil(() => { lock (link) return link.Count == 2; }, 5000));
        lock (link) Assert.False(link[1]);
        Assert.False(f.Controller.GetLinkConnected());
    }

    /// <summary>
    /// GHI's own Wi-Fi sample subscribes before Enable and calls <c>sender.GetIPProperties()</c> inside the
    /// NetworkAddressChanged handler (TinyCLR-Samples@b124af52:Official Demos/SCM20260D Dev/Windows/WifiWindow.cs#L229,#L292-L294).
    /// That handler issues AT+CIPSTA?; raised on the AT pump thread it would wait for an answer only the pump can read.
    /// </summary>
    [Fact]
    public void AddressChangedHandlerMayQueryTheProviderAsGhisSampleDoes()
    {
        using var f = new ProviderFixture(enable: false);
        IPAddress? seen = null;
        Exception? failure = null;
        var done = new ManualResetEventSlim();
        f.Controller.NetworkAddressChanged += (sender, e) =>
        {
            try { seen = sender.GetIPProperties().Address; }
            catch (Exception ex) { failure = ex; }
            done.Set();
        };
        f.Controller.Enable();
        Assert.True(done.Wait(5000), "NetworkAddressChanged was not raised");
        Assert.Null(failure);
        Assert.Equal(IPAddress.Parse(f.Emulator.Options.StationIp), seen);
    }

    /// <summary>TinyCLR's controller subscribes to the provider only while the app has a handler (Network.cs#L126-L139).</summary>
    [Fact]
    public void ControllerSubscribesToTheProviderOnlyWhileTheAppListens()
    {
        using var f = new ProviderFixture(enable: false);
        int calls = 0;
        NetworkLinkConnectedChangedEventHandler handler = (s, e) => Interlocked.Increment(ref calls);
        f.Controller.NetworkLinkConnectedChanged += handler;
        f.Controller.NetworkLinkConnectedChanged -= handler;
        f.Controller.Enable();
        var probe = new ManualResetEventSlim();
        f.Controller.NetworkLinkConnectedChanged += (s, e) => probe.Set();
        f.Controller.Disable();
        Assert.True(probe.Wait(5000));
        Assert.Equal(0, Volatile.Read(ref calls));
    }

    [Fact]
    public void IpAndInterfacePropertiesComeFromTheEsp()
    {
        using var f = new ProviderFixture();
        var ip = f.Controller.GetIPProperties();
        Assert.Equal(IPAddress.Parse(f.Emulator.Options.StationIp), ip.Address);
        Assert.Equal(IPAddress.Parse(f.Emulator.Options.StationNetmask), ip.SubnetMask);
        Assert.Equal(IPAddress.Parse(f.Emulator.Options.StationGateway), ip.GatewayAddress);
        Assert.NotEmpty(ip.DnsAddresses);
        var mac = f.Controller.GetInterfaceProperties().MacAddress;
        Assert.Equal(f.Emulator.Options.StationMac, string.Join(":", mac.Select(b => b.ToString("x2"))));
    }

    [Fact]
    public void StaticAddressAndDnsAreAppliedWhenDhcpIsOff()
    {
        using var f = new ProviderFixture(enable: false);
        f.Controller.SetInterfaceSettings(new WiFiNetworkInterfaceSettings
        {
            Ssid = "Home", Password = "secret-pass", DhcpEnable = false, DynamicDnsEnable = false,
            Address = IPAddress.Parse("192.168.1.77"), SubnetMask = IPAddress.Parse("255.255.255.0"), GatewayAddress = IPAddress.Parse("192.168.1.1"),
            DnsAddresses = new[] { IPAddress.Parse("9.9.9.9") },
        });
        f.Controller.Enable();
        var ip = f.Controller.GetIPProperties();
        Assert.Equal(IPAddress.Parse("192.168.1.77"), ip.Address);
        Assert.Equal(new[] { IPAddress.Parse("9.9.9.9") }, ip.DnsAddresses);
        using var s = f.Tcp();
        s.Bind(new IPEndPoint(IPAddress.Any, 8090));
        Assert.Equal(new IPEndPoint(IPAddress.Parse("192.168.1.77"), 8090), s.LocalEndPoint);
    }

    [Fact]
    public void BadSettingsAreRefusedNamingTheProblem()
    {
        using var f = new ProviderFixture(enable: false);
        Assert.Contains("Ssid", Assert.Throws<ArgumentException>(() => f.Provider.SetInterfaceSettings(new WiFiNetworkInterfaceSettings { Ssid = new string('x', 33) })).Message);
        Assert.Contains("Password", Assert.Throws<ArgumentException>(() => f.Provider.SetInterfaceSettings(new WiFiNetworkInterfaceSettings { Ssid = "a", Password = "short" })).Message);
        Assert.Throws<ArgumentException>(() => f.Provider.SetInterfaceSettings(new NetworkInterfaceSettings()));
        Assert.Throws<ArgumentException>(() => f.Provider.SetCommunicationInterfaceSettings(new NetworkCommunicationInterfaceSettings()));
        f.Provider.SetCommunicationInterfaceSettings(new UartNetworkCommunicationInterfaceSettings { BaudRate = 921600, Handshaking = UartHandshake.RequestToSend });
        Assert.Throws<InvalidOperationException>(() => f.Provider.GetIPProperties()); // not enabled yet
    }

    [Fact]
    public void TheUartSettingsSwitchTheBaudRateAtEnable()
    {
        using var f = new ProviderFixture(enable: false);
        f.Controller.SetCommunicationInterfaceSettings(new UartNetworkCommunicationInterfaceSettings { BaudRate = 921600 });
        f.Controller.Enable();
        Assert.Equal(921600, f.Emulator.Port.HostBaud);
        Assert.True(f.Controller.GetLinkConnected());
    }

    [Fact]
    public void SuspendLeavesAndResumeJoinsAgain()
    {
        using var f = new ProviderFixture();
        f.Controller.Suspend();
        Assert.False(f.Controller.GetLinkConnected());
        f.Controller.Resume();
        Assert.True(f.Controller.GetLinkConnected());
    }

    [Fact]
    public void AccessPointClientLinkFollowsTheSoftApStations()
    {
        using var f = new ProviderFixture();
        f.Provider.Wifi.StartSoftAp(new Esp32At.Wifi.SoftApSettings("Board", "board-pass", 6, Esp32At.Wifi.WifiAuthMode.Wpa2Psk, 4, false));
        Assert.False(f.Provider.GetAccessPointClientLinkConnect(new WiFiNetworkInterfaceSettings()));
        Assert.NotNull(f.Emulator.Radio.StationJoins("aa:bb:cc:dd:ee:01"));
        Assert.True(SpinWait.SpinUntil(() => f.Provider.GetAccessPointClientLinkConnect(new WiFiNetworkInterfaceSettings()), 5000));
        f.Emulator.Radio.StationLeaves("aa:bb:cc:dd:ee:01");
        Assert.True(SpinWait.SpinUntil(() => !f.Provider.GetAccessPointClientLinkConnect(new WiFiNetworkInterfaceSettings()), 5000));
    }

    [Fact]
    public async Task AnSslServerHandsOutSecureClientsToAuthenticateAsServer()
    {
        using var f = new ProviderFixture();
        f.Provider.SslServer = true;
        using var listener = f.Tcp();
        listener.Bind(new IPEndPoint(IPAddress.Any, 8443));
        listener.Listen(2);
        using var client = new TcpClient();
        client.Connect(f.Emulator.Links.Ports.TcpServer(8443)!);
        using var tls = new SslStream(client.GetStream(), false, (_, _, _, _) => true); // the ESP's factory certificate
        var handshake = tls.AuthenticateAsClientAsync("esp");
        using var accepted = listener.Accept();
        Assert.Equal(accepted.Handle, f.Provider.AuthenticateAsServer(accepted.Handle, null!, System.Security.Authentication.SslProtocols.None));
        Assert.True(await handshake.Within(10_000));
        tls.Write(Encoding.ASCII.GetBytes("GET"));
        var buf = new byte[8];
        int n = f.Provider.SecureRead(accepted.Handle, buf, 0, buf.Length);
        for (int i = 0; n == 0 && i < 200; i++) { Thread.Sleep(10); n = f.Provider.SecureRead(accepted.Handle, buf, 0, buf.Length); }
        Assert.Equal("GET", Encoding.ASCII.GetString(buf, 0, n));
    }

    [Fact]
    public void APlainServerCannotAuthenticateAsServerAndSaysWhatToSet()
    {
        using var f = new ProviderFixture();
        using var listener = f.Tcp();
        listener.Bind(new IPEndPoint(IPAddress.Any, 8082));
        listener.Listen(1);
        using var client = new TcpClient();
        client.Connect(f.Emulator.Links.Ports.TcpServer(8082)!);
        using var accepted = listener.Accept();
        var e = Assert.Throws<NotSupportedException>(() => f.Provider.AuthenticateAsServer(accepted.Handle, null!, System.Security.Authentication.SslProtocols.None));
        Assert.Contains("SslServer", e.Message);
    }
}
