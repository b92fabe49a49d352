using System;
using System.Collections;
using Esp32At.Engine;
using Esp32At.Wifi;

namespace Esp32At.CircuitPython
{
    /// <summary>
    /// <c>wifi.Radio</c> (the one instance is <see cref="Wifi.Radio"/>): station, scan, soft-AP, IPv4 settings and ping
    /// over the ESP's Wi-Fi. Nothing is cached: every getter asks the ESP, so values are never stale after a disconnect.
    /// </summary>
    public sealed class Radio
    {
        private readonly WifiService service;
        private readonly object scanGate = new object();
        private ScannedNetworks activeScan;

        internal Radio(WifiService service)
        {
            this.service = service;
        }

        /// <summary>The library service underneath, for what the core API does not cover.</summary>
        public WifiService Service { get { return service; } }

        /// <summary>Wi-Fi on or off (<c>AT+CWINIT</c>, v3.2+; always true before).</summary>
        public bool Enabled
        {
            get { return service.Enabled; }
            set { service.Enabled = value; }
        }

        /// <summary>The station host name (<c>AT+CWHOSTNAME</c>; at most 32 characters over ESP-AT).</summary>
        public string Hostname
        {
            get { return service.QueryHostname(); }
            set { service.SetHostname(value); }
        }

        /// <summary>The station MAC, 6 bytes (<c>AT+CIPSTAMAC</c>).</summary>
        public byte[] MacAddress
        {
            get { return service.QueryStationMac(); }
            set { service.SetStationMac(CheckMac(value)); }
        }

        /// <summary>The soft-AP MAC, 6 bytes (<c>AT+CIPAPMAC</c>).</summary>
        public byte[] MacAddressAp
        {
            get { return service.QuerySoftApMac(); }
            set { service.SetSoftApMac(CheckMac(value)); }
        }

        /// <summary>Wi-Fi TX power in dBm (<c>AT+RFPOWER</c>, 0.25 dBm steps, 10 to 21 dBm; values outside are clamped).</summary>
        public double TxPower
        {
            get { return service.QueryTxPower() * 0.25; }
            set { service.SetTxPower((int)Math.Round(value * 4)); }
        }

        /// <summary><c>power_management</c> (<c>AT+SLEEP</c>): None 0, Min 1, Max 3; setting Unknown throws <see cref="ArgumentException"/>.</summary>
        public PowerManagement PowerManagement
        {
            get
            {
                int mode = service.QuerySleepMode();
                return mode == 0 ? PowerManagement.None : mode == 1 ? PowerManagement.Min : mode == 3 ? PowerManagement.Max : PowerManagement.Unknown;
            }
            set
            {
                if (value < PowerManagement.None || value > PowerManagement.Max) throw new ArgumentException("None, Min or Max", "value");
                service.SetSleepMode(value == PowerManagement.Max ? WifiService.SleepModemListenInterval : (int)value);
            }
        }

        /// <summary>The two-letter country code (<c>AT+CWCOUNTRY</c>); setting it keeps the policy and picks its channels (US/CA 1-11, JP 1-14, else 1-13).</summary>
        public string Country
        {
            get { return service.QueryCountry().Code; }
            set
            {
                if (value == null || value.Length != 2) throw new ArgumentException("a two-letter country code", "value");
                var code = value.ToUpper();
                int count = code == "US" || code == "CA" ? 11 : code == "JP" ? 14 : 13;
                service.SetCountry(new CountrySettings(service.QueryCountry().Manual, code, 1, count));
            }
        }

        /// <summary>The whole regulatory setting (the seed's <c>country_settings</c>).</summary>
        public CountrySettings CountrySettings
        {
            get { return service.QueryCountry(); }
            set { service.SetCountry(value); }
        }

        /// <summary>0 off, 1 station, 2 soft-AP, 3 both (the seed's <c>run_mode</c>).</summary>
        public int RunMode
        {
            get { return (int)service.QueryMode(); }
        }

        /// <summary>
        /// Scans channels <paramref name="startChannel"/> to <paramref name="stopChannel"/>, one <c>AT+CWLAP</c> per channel
        /// as the result is iterated. Only one scan at a time; it ends when iterated to the end or stopped.
        /// </summary>
        /// <exception cref="InvalidOperationException">A scan is already running (the core's RuntimeError).</exception>
        public ScannedNetworks StartScanningNetworks(int startChannel = 1, int stopChannel = 11)
        {
            if (startChannel < 1 || startChannel > 14 || stopChannel < startChannel || stopChannel > 14)
                throw new ArgumentOutOfRangeException("startChannel", "channels 1 to 14, start <= stop");
            lock (scanGate)
            {
                if (activeScan != null) throw new InvalidOperationException("Already scanning for wifi networks");
                activeScan = new ScannedNetworks(this, startChannel, stopChannel);
                return activeScan;
            }
        }

        /// <summary>Stops the running scan (its iteration ends at the next channel).</summary>
        public void StopScanningNetworks()
        {
            lock (scanGate) activeScan = null;
        }

        internal bool IsScanning(ScannedNetworks scan)
        {
            lock (scanGate) return activeScan == scan;
        }

        internal void ScanFinished(ScannedNetworks scan)
        {
            lock (scanGate) if (activeScan == scan) activeScan = null;
        }

        /// <summary>Adds station mode (<c>AT+CWMODE</c>).</summary>
        public void StartStation() { service.EnsureMode(WifiMode.Station); }

        /// <summary>Removes station mode.</summary>
        public void StopStation() { service.ClearMode(WifiMode.Station); }

        /// <summary>
        /// Joins a network and waits for an address (<c>AT+CWJAP</c>), adding station mode first if needed.
        /// <paramref name="channel"/> is accepted for the core's signature but ESP-AT cannot use it (it scans all channels).
        /// <paramref name="timeout"/> in seconds: 0 = the firmware's 15 s; otherwise 3 to 600 (rounded up, clamped).
        /// </summary>
        /// <exception cref="ConnectionError">The join failed (wrong password, no such network, timeout, other).</exception>
        public void Connect(string ssid, string password = "", int channel = 0, byte[] bssid = null, double timeout = 0)
        {
            if (channel < 0 || channel > 14) throw new ArgumentOutOfRangeException("channel", "0 to 14");
            int seconds = 0;
            if (timeout > 0)
            {
                seconds = (int)Math.Ceiling(timeout);
                if (seconds < 3) seconds = 3;
                if (seconds > 600) seconds = 600;
            }
            service.EnsureMode(WifiMode.Station);
            try
            {
                service.Join(ssid, password ?? "", bssid, seconds);
            }
            catch (WifiJoinException e)
            {
                throw new ConnectionError(ConnectionError.MessageFor(e.Reason), e.Reason, e);
            }
            catch (AtTimeoutException e)
            {
                throw new ConnectionError(ConnectionError.MessageFor(WifiJoinFailure.Timeout), WifiJoinFailure.Timeout, e);
            }
        }

        /// <summary>True when the station is connected with an IPv4 address (<c>AT+CWSTATE?</c> = 2).</summary>
        public bool Connected { get { return service.IsConnected; } }

        /// <summary>The station address, or null without one (<c>AT+CIPSTA?</c>).</summary>
        public IPv4Address Ipv4Address { get { return IPv4Address.FromSettings(service.QueryStationIpv4().Address); } }

        /// <summary>The station's gateway, or null.</summary>
        public IPv4Address Ipv4Gateway { get { return IPv4Address.FromSettings(service.QueryStationIpv4().Gateway); } }

        /// <summary>The station's netmask, or null.</summary>
        public IPv4Address Ipv4Subnet { get { return IPv4Address.FromSettings(service.QueryStationIpv4().Netmask); } }

        /// <summary>The soft-AP address, or null (<c>AT+CIPAP?</c>).</summary>
        public IPv4Address Ipv4AddressAp { get { return ApAddress(0); } }

        /// <summary>The soft-AP's gateway, or null.</summary>
        public IPv4Address Ipv4GatewayAp { get { return ApAddress(1); } }

        /// <summary>The soft-AP's netmask, or null.</summary>
        public IPv4Address Ipv4SubnetAp { get { return ApAddress(2); } }

        /// <summary>
        /// The station's addresses as strings, as CircuitPython lists them: IPv6 first (link-local, global; only with
        /// <c>Esp32AtOptions.Ipv6</c>), then IPv4; empty without any. One <c>AT+CIPSTA?</c>.
        /// </summary>
        public string[] Addresses { get { return service.QueryStationAddresses(); } }

        /// <summary>The soft-AP's addresses as strings (IPv6 first, as <see cref="Addresses"/>); empty when it is off.</summary>
        public string[] AddressesAp { get { return service.QuerySoftApAddresses(); } }

        /// <summary>
        /// Gives the station a static address (<c>AT+CIPSTA</c>, which stops DHCP) and, when given, a DNS server
        /// (<c>AT+CIPDNS</c>).
        /// </summary>
        public void SetIpv4Address(IPv4Address ipv4, IPv4Address netmask, IPv4Address gateway, IPv4Address ipv4Dns = null)
        {
            service.SetStationIpv4(new Ipv4Settings(Need(ipv4, "ipv4"), Need(gateway, "gateway"), Need(netmask, "netmask")));
            if (ipv4Dns != null) Ipv4Dns = ipv4Dns;
        }

        /// <summary>Sets the soft-AP's address (<c>AT+CIPAP</c>).</summary>
        public void SetIpv4AddressAp(IPv4Address ipv4, IPv4Address netmask, IPv4Address gateway)
        {
            service.SetSoftApIpv4(new Ipv4Settings(Need(ipv4, "ipv4"), Need(gateway, "gateway"), Need(netmask, "netmask")));
        }

        /// <summary>The first DNS server, or null (<c>AT+CIPDNS</c>). Setting it keeps the current second server.</summary>
        public IPv4Address Ipv4Dns
        {
            get
            {
                bool manual;
                var list = service.QueryDns(out manual);
                return list.Length == 0 ? null : IPv4Address.FromSettings(list[0]);
            }
            set
            {
                if (value == null) throw new ArgumentNullException("value");
                bool manual;
                var list = service.QueryDns(out manual);
                var servers = new ArrayList();
                servers.Add(value.Bytes);
                for (int i = 0; i < list.Length && servers.Count < 2; i++)
                    if (!value.Equals(new IPv4Address(list[i]))) servers.Add(list[i]);
                service.SetDns((byte[][])servers.ToArray(typeof(byte[])));
            }
        }

        /// <summary>All DNS servers as strings (<c>AT+CIPDNS</c>); setting 1-3 makes them manual, an empty array automatic.</summary>
        public string[] Dns
        {
            get
            {
                bool manual;
                var list = service.QueryDns(out manual);
                var result = new string[list.Length];
                for (int i = 0; i < list.Length; i++) result[i] = WifiText.FormatIPv4(list[i]);
                return result;
            }
            set
            {
                if (value == null || value.Length == 0)
                {
                    service.SetDns(null);
                    return;
                }
                var servers = new byte[value.Length][];
                for (int i = 0; i < value.Length; i++) servers[i] = new IPv4Address(value[i]).Bytes;
                service.SetDns(servers);
            }
        }

        /// <summary>The joined network (<c>AT+CWJAP?</c>, then <c>AT+CWLAP</c> for its security), or null when not connected.</summary>
        public Network ApInfo
        {
            get
            {
                var joined = service.QueryJoinedNetwork();
                if (joined == null) return null;
                // The same SSID may be served by several APs: the BSSID picks the joined one.
                var seen = service.Scan(joined.Ssid, joined.Bssid, 0);
                var info = joined;
                for (int i = 0; i < seen.Length; i++)
                    if (SameMac(seen[i].Bssid, joined.Bssid) && seen[i].Ssid == joined.Ssid) info = seen[i];
                string country = "";
                try { country = service.QueryCountry().Code; }
                catch (AtCommandException) { }
                return new Network(info, country);
            }
        }

        /// <summary>Starts the DHCP client of the station (drops a static address).</summary>
        public void StartDhcp() { service.SetDhcp(true, true, false); }

        /// <summary>Stops the DHCP client of the station.</summary>
        public void StopDhcp() { service.SetDhcp(false, true, false); }

        /// <summary>Starts the soft-AP's DHCP server.</summary>
        public void StartDhcpAp() { service.SetDhcp(true, false, true); }

        /// <summary>Stops the soft-AP's DHCP server.</summary>
        public void StopDhcpAp() { service.SetDhcp(false, false, true); }

        /// <summary>
        /// Starts the soft-AP. <paramref name="authmode"/> empty (0): open without a password, else WPA/WPA2-PSK.
        /// <paramref name="maxConnections"/> 1-10 (the core's default 4); <paramref name="hideSsid"/> is the seed's extra.
        /// </summary>
        public void StartAp(string ssid, string password = "", int channel = 1, AuthMode authmode = 0, int maxConnections = 4, bool hideSsid = false)
        {
            if (password == null) password = "";
            var mode = AuthModes.ForSoftAp(authmode, password.Length > 0);
            service.StartSoftAp(new SoftApSettings(ssid, password, channel, mode, maxConnections, hideSsid));
        }

        /// <summary>Stops the soft-AP.</summary>
        public void StopAp() { service.StopSoftAp(); }

        /// <summary>True when the soft-AP runs.</summary>
        public bool ApActive { get { return service.IsSoftApActive; } }

        /// <summary>
        /// The stations on the soft-AP: those with a DHCP lease (<c>AT+CWLIF</c>) and those announced by
        /// <c>+STA_CONNECTED</c> that have none yet.
        /// </summary>
        public Station[] StationsAp
        {
            get
            {
                var leased = service.ListStations();
                var known = service.Stations;
                var list = new ArrayList();
                for (int i = 0; i < leased.Length; i++) list.Add(new Station(leased[i].Mac, IPv4Address.FromSettings(leased[i].Address)));
                for (int i = 0; i < known.Length; i++)
                {
                    bool listed = false;
                    for (int k = 0; k < leased.Length; k++) if (SameMac(leased[k].Mac, known[i].Mac)) listed = true;
                    if (!listed) list.Add(new Station(known[i].Mac, IPv4Address.FromSettings(known[i].Address)));
                }
                return (Station[])list.ToArray(typeof(Station));
            }
        }

        /// <summary>
        /// Pings <paramref name="ip"/> once and returns the round trip in seconds (the core's unit; the firmware reports
        /// ms), or -1 when no reply came within <paramref name="timeout"/> seconds (the core's None).
        /// </summary>
        public double Ping(IPv4Address ip, double timeout = 0.5)
        {
            if (ip == null) throw new ArgumentNullException("ip");
            return Ping(ip.ToString(), timeout);
        }

        /// <summary>Pings a host name (the seed's extra; the ESP resolves it). Seconds, or -1 without a reply in time.</summary>
        public double Ping(string host, double timeout = 0.5)
        {
            int ms = service.Ping(host);
            if (ms < 0) return -1;
            double seconds = ms / 1000.0;
            if (timeout > 0 && seconds > timeout) return -1;
            return seconds;
        }

        private IPv4Address ApAddress(int which)
        {
            var s = service.QuerySoftApIpv4();
            return IPv4Address.FromSettings(which == 0 ? s.Address : which == 1 ? s.Gateway : s.Netmask);
        }

        private static byte[] Need(IPv4Address address, string name)
        {
            if (address == null) throw new ArgumentNullException(name);
            return address.Bytes;
        }

        private static byte[] CheckMac(byte[] mac)
        {
            if (mac == null) throw new ArgumentNullException("value");
            if (mac.Length != 6) throw new ArgumentException("Invalid MAC address", "value");
            return mac;
        }

        private static bool SameMac(byte[] a, byte[] b)
        {
            if (a == null || b == null) return false;
            for (int i = 0; i < 6; i++) if (a[i] != b[i]) return false;
            return true;
        }
    }
}
