using System;
using System.Collections;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Esp32At.Device;
using Esp32At.Links;
using Esp32At.Transport;
using Esp32At.Wifi;
using GHIElectronics.TinyCLR.Devices.Network;
using GHIElectronics.TinyCLR.Devices.Network.Provider;
using GHIElectronics.TinyCLR.Devices.Uart;

namespace Esp32At.TinyCLR.Provider
{
    /// <summary>
    /// A TinyCLR <c>NetworkController</c> provider over an ESP32 running ESP-AT. After
    /// <c>NetworkController.FromProvider(provider)</c>, <c>SetInterfaceSettings(new WiFiNetworkInterfaceSettings{...})</c>,
    /// <c>SetAsDefaultController()</c> and <c>Enable()</c>, TinyCLR's own <c>Socket</c>, <c>Dns</c>, <c>SslStream</c>,
    /// <c>HttpWebRequest</c> and <c>HttpListener</c> run over the ESP. Every wait is a <c>WaitOne</c> or a sleep, never a
    /// spin, so other managed threads keep running.
    /// </summary>
    public sealed partial class Esp32AtNetworkProvider : INetworkControllerProvider
    {
        private readonly object gate = new object();
        private readonly object startLock = new object();
        private bool enabled;
        private readonly Hashtable sockets = new Hashtable();
        private readonly Esp32AtOptions options;
        private IAtTransport transport;
        private int nextHandle = 1;
        private WiFiNetworkInterfaceSettings settings;
        private uint stationAddress;
        private readonly ProviderEventQueue events;

        private const string AnyRemote = "0.0.0.0";
        private const string AnyRemote6 = "::"; // UDPv6 receiver without a peer [UNVERIFIED on hardware]
        private const int DiscardPort = 9;

        /// <summary>A provider over <paramref name="transport"/> (the ESP's AT UART). Nothing is sent before <see cref="Enable"/>.</summary>
        public Esp32AtNetworkProvider(IAtTransport transport, Esp32AtOptions options = null)
        {
            if (transport == null) throw new ArgumentNullException("transport");
            this.transport = transport;
            this.options = options != null ? options : new Esp32AtOptions();
            DeferConnect = true;
            KeepAliveIdleSeconds = 60;
            ConnectTimeoutMs = 20000;
            JoinTimeoutSeconds = 20;
            events = new ProviderEventQueue(RaiseEvent);
        }

        /// <summary>The ESP, once started (<see cref="EnsureStarted"/>).</summary>
        public Esp32AtDevice Device { get; private set; }

        /// <summary>The ESP's link table, once started.</summary>
        public ConnectionTable Table { get; private set; }

        /// <summary>The ESP's one server, once enabled.</summary>
        public LinkServer Server { get; private set; }

        /// <summary>Name resolution through the ESP, once enabled.</summary>
        public HostResolver Resolver { get; private set; }

        /// <summary>Wi-Fi station and soft-AP control (scan, RSSI, MAC, ...), once started.</summary>
        public WifiService Wifi { get; private set; }

        /// <summary>TCP Connect records the peer and opens the link at first use, so SslStream can still make it TLS (default true).</summary>
        public bool DeferConnect { get; set; }

        /// <summary>Verify TLS servers against a CA flashed into the ESP at build time when the app passes none (default false).</summary>
        public bool TrustFirmwareCa { get; set; }

        /// <summary>Listen starts a TLS server (the ESP's <c>server_cert</c>); HttpListener("https") needs it (default false).</summary>
        public bool SslServer { get; set; }

        /// <summary>Seconds after which the ESP closes a silent accepted link (0 = never).</summary>
        public int ServerIdleTimeoutSeconds { get; set; }

        /// <summary>Idle seconds before TCP keep-alive probes when a socket sets KeepAlive (default 60).</summary>
        public int KeepAliveIdleSeconds { get; set; }

        /// <summary>Bound on opening a link (CIPSTART), milliseconds (default 20 000).</summary>
        public int ConnectTimeoutMs { get; set; }

        /// <summary>Bound on joining the access point in <see cref="Enable"/>, seconds (default 20).</summary>
        public int JoinTimeoutSeconds { get; set; }

        /// <summary>Wi-Fi, handled by the ESP32.</summary>
        public NetworkInterfaceType InterfaceType { get { return NetworkInterfaceType.WiFi; } }

        /// <summary>A UART to the ESP32.</summary>
        public NetworkCommunicationInterface CommunicationInterface { get { return NetworkCommunicationInterface.Uart; } }

        /// <summary>
        /// Raised when the station joins (true) or loses (false) its access point, on the provider's event thread (never
        /// the AT pump), so a handler may call back into the provider.
        /// </summary>
        public event NetworkLinkConnectedChangedEventHandler NetworkLinkConnectedChanged;

        /// <summary>Raised when the station got an IPv4 address, on the provider's event thread (handlers may call <see cref="GetIPProperties"/>).</summary>
        public event NetworkAddressChangedEventHandler NetworkAddressChanged;

        /// <summary>
        /// Wi-Fi settings for <see cref="Enable"/>: SSID (1-32 bytes), password (empty or 8-64 bytes), static address and
        /// DNS when <c>DhcpEnable</c>/<c>DynamicDnsEnable</c> are false, MAC address. Applied now when enabled (not merely started).
        /// </summary>
        public void SetInterfaceSettings(NetworkInterfaceSettings settings)
        {
            var wifi = settings as WiFiNetworkInterfaceSettings;
            if (wifi == null) throw new ArgumentException("the ESP32 provider takes WiFiNetworkInterfaceSettings", "settings");
            if (wifi.Ssid != null)
            {
                int n = Encoding.UTF8.GetBytes(wifi.Ssid).Length;
                if (n < 1 || n > 32) throw new ArgumentException("Ssid must be 1 to 32 bytes", "settings");
            }
            int pw = wifi.Password == null ? 0 : Encoding.UTF8.GetBytes(wifi.Password).Length;
            if (pw != 0 && (pw < 8 || pw > 64)) throw new ArgumentException("Password must be empty (open network) or 8 to 64 bytes", "settings");
            if (wifi.MacAddress != null && wifi.MacAddress.Length != 6) throw new ArgumentException("MacAddress must be 6 bytes", "settings");
            bool now;
            lock (gate)
            {
                this.settings = wifi;
                now = enabled;
            }
            if (now) ApplySettings(wifi);
        }

        /// <summary>
        /// UART settings: the baud rate (switched to after the ESP answers at its boot rate) and RTS/CTS handshaking.
        /// On a device, <c>ApiName</c> opens that UART when the provider was created without a transport.
        /// </summary>
        public void SetCommunicationInterfaceSettings(NetworkCommunicationInterfaceSettings settings)
        {
            var uart = settings as UartNetworkCommunicationInterfaceSettings;
            if (uart == null) throw new ArgumentException("the ESP32 provider takes UartNetworkCommunicationInterfaceSettings", "settings");
            if (uart.BaudRate < 0) throw new ArgumentOutOfRangeException("settings", "BaudRate must not be negative");
            if (Device != null) throw new InvalidOperationException("set the UART before Enable (and before the first module query)");
            options.BaudRate = uart.BaudRate;
            options.HardwareFlowControl = uart.Handshaking == UartHandshake.RequestToSend;
        }

        /// <summary>Starts the ESP (first call), then joins the configured network and applies its IP settings.</summary>
        public void Enable()
        {
            EnsureStarted();
            WiFiNetworkInterfaceSettings wifi;
            lock (gate)
            {
                wifi = settings;
                enabled = true;
            }
            if (wifi != null) ApplySettings(wifi);
        }

        /// <summary>
        /// Starts the ESP once (hard reset if wired, set-up, Wi-Fi service, connection table) without joining a network;
        /// <see cref="Enable"/> and the module queries (<see cref="GetFirmwareVersion"/>, <see cref="Scan"/>, ...) call it.
        /// Later calls do nothing.
        /// </summary>
        public void EnsureStarted()
        {
            lock (startLock)
            {
                if (Device != null) return;
                var device = new Esp32AtDevice(transport, options);
                device.Initialize();
                Table = new ConnectionTable(device);
                Resolver = new HostResolver(device);
                Server = new LinkServer(Table);
                Wifi = new WifiService(device);
                Wifi.Connected += OnWifiConnected;
                Wifi.GotIp += OnWifiGotIp;
                Wifi.Disconnected += OnWifiDisconnected;
                Device = device;
            }
        }

        /// <summary>Leaves the network (links close); the ESP stays initialised.</summary>
        public void Disable()
        {
            lock (gate) enabled = false;
            if (Wifi == null) return;
            Wifi.Leave();
            // WIFI DISCONNECT may follow CWQAP's OK: wait for it so GetLinkConnected is false on return.
            Wifi.WaitForState(StationState.Disconnected, 2000);
        }

        /// <summary>ESP-AT has no suspend that keeps links: this leaves the network, <see cref="Resume"/> joins again.</summary>
        public void Suspend()
        {
            Disable();
        }

        /// <summary>Joins the configured network again.</summary>
        public void Resume()
        {
            Enable();
        }

        /// <summary>Whether the station is associated (from the ESP's URCs; no AT traffic).</summary>
        public bool GetLinkConnected()
        {
            if (Wifi == null) return false;
            var state = Wifi.State;
            return state == StationState.Connected || state == StationState.GotIp;
        }

        /// <summary>Whether any station is joined to the ESP's soft-AP.</summary>
        public bool GetAccessPointClientLinkConnect(WiFiNetworkInterfaceSettings settings)
        {
            return Wifi != null && Wifi.Stations.Length > 0;
        }

        /// <summary>The station's IPv4 address, mask, gateway (<c>AT+CIPSTA?</c>) and DNS servers (<c>AT+CIPDNS?</c>).</summary>
        public NetworkIPProperties GetIPProperties()
        {
            RequireEnabled();
            var ip = Wifi.QueryStationIpv4();
            bool manual;
            var dns = Wifi.QueryDns(out manual);
            var servers = new IPAddress[dns.Length];
            for (int i = 0; i < dns.Length; i++) servers[i] = new IPAddress(dns[i]);
            return FrameworkObjects.IpProperties(Address(ip.Address), Address(ip.Netmask), Address(ip.Gateway), servers);
        }

        /// <summary>The station MAC address (<c>AT+CIPSTAMAC?</c>).</summary>
        public NetworkInterfaceProperties GetInterfaceProperties()
        {
            RequireEnabled();
            return FrameworkObjects.InterfaceProperties(Wifi.QueryStationMac());
        }

        /// <summary>Stores a CA (PEM or DER) on the ESP for verifying TLS servers; skipped when the same one is already there.</summary>
        public void LoadCa(X509Certificate ca)
        {
            RequireEnabled();
            Table.Certificates.LoadCa(Pem.FromCertificate(ca.GetRawCertData()), 0);
        }

        /// <summary>Disposes the ESP (its pump thread); sockets become invalid.</summary>
        public void Dispose()
        {
            events.Dispose();
            if (Device != null) Device.Dispose();
            lock (gate) sockets.Clear();
        }

        private void ApplySettings(WiFiNetworkInterfaceSettings wifi)
        {
            if (wifi.MacAddress != null) Wifi.SetStationMac(wifi.MacAddress);
            if (wifi.Ssid == null) return;
            Wifi.Join(wifi.Ssid, wifi.Password, null, JoinTimeoutSeconds);
            if (!wifi.DhcpEnable && wifi.Address != null)
                Wifi.SetStationIpv4(new Ipv4Settings(wifi.Address.GetAddressBytes(), Bytes(wifi.GatewayAddress), Bytes(wifi.SubnetMask)));
            if (!wifi.DynamicDnsEnable && wifi.DnsAddresses != null && wifi.DnsAddresses.Length > 0)
            {
                var dns = new byte[wifi.DnsAddresses.Length][];
                for (int i = 0; i < dns.Length; i++) dns[i] = wifi.DnsAddresses[i].GetAddressBytes();
                Wifi.SetDns(dns);
            }
            lock (gate) stationAddress = 0;
        }

        private void LoadClientCertificate(X509Certificate certificate)
        {
            var key = Pem.PrivateKeyOf(certificate);
            if (key == null) throw new ArgumentException("the client certificate has no private key", "clientCertificate");
            Table.Certificates.LoadClientCertificate(Pem.FromCertificate(certificate.GetRawCertData()), key, 0);
        }

        private uint LocalAddress()
        {
            lock (gate)
            {
                if (stationAddress != 0) return stationAddress;
            }
            var ip = Wifi.QueryStationIpv4();
            uint value = ip.Address == null ? 0 : Ipv4.FromBytes(ip.Address);
            lock (gate) stationAddress = value;
            return value;
        }

        private void WarnUnverified()
        {
            Table.NoteUnverifiedTls("TLS server verification is OFF (SslVerification.None): the peer is not authenticated");
        }

        private void Note(string text)
        {
            var trace = Device != null ? Device.Executor.Trace : null;
            if (trace != null) trace.Trace("--", text);
        }

        private void RequireEnabled()
        {
            if (Device == null) throw new InvalidOperationException("call Enable first");
        }

        // The URC handlers run on the AT pump thread: they only queue (see ProviderEventQueue).
        private void OnWifiConnected(WifiService sender)
        {
            events.Post(false, true);
        }

        private void OnWifiGotIp(WifiService sender)
        {
            lock (gate) stationAddress = 0;
            events.Post(true, true);
        }

        private void OnWifiDisconnected(WifiService sender)
        {
            lock (gate) stationAddress = 0;
            events.Post(false, false);
        }

        private void RaiseEvent(bool addressChanged, bool connected)
        {
            if (addressChanged)
            {
                var handler = NetworkAddressChanged;
                var args = FrameworkObjects.AddressArgs();
                if (handler != null && args != null) handler(null, args);
            }
            else
            {
                var handler = NetworkLinkConnectedChanged;
                var args = FrameworkObjects.LinkArgs(connected);
                if (handler != null && args != null) handler(null, args);
            }
        }

        private static IPAddress Address(byte[] octets)
        {
            return octets == null ? null : new IPAddress(octets);
        }

        private static byte[] Bytes(IPAddress address)
        {
            return address == null ? null : address.GetAddressBytes();
        }
    }
}
