using System;
using Esp32At.Wifi;

namespace Esp32At.CircuitPython.Mdns
{
    /// <summary>
    /// <c>mdns.Server</c>: announces the board's host name and a service over mDNS through the ESP (<c>AT+MDNS</c>).
    /// ESP-AT holds one service: advertising another replaces the first. Browsing (<see cref="Find"/>) runs on the host,
    /// over a UDP link of the ESP (ESP-AT has no query command before 5.0).
    /// </summary>
    public sealed partial class Server
    {
        private readonly Radio radio;
        private string hostname;
        private string instanceName;

        /// <summary>
        /// Creates the server with the core's default host name <c>cpy-xxxxxx</c> (last three MAC bytes, lowercase hex;
        /// the station MAC in station mode, else the soft-AP's).
        /// </summary>
        public Server(Radio radio)
        {
            if (radio == null) throw new ArgumentNullException("radio");
            this.radio = radio;
            var service = radio.Service;
            var mac = (service.QueryMode() & WifiMode.Station) != 0 ? service.QueryStationMac() : service.QuerySoftApMac();
            hostname = "cpy-" + WifiText.Hex(mac, 3, 3);
            instanceName = hostname;
        }

        /// <summary>Host name without <c>.local</c> (letters, digits, '-'; at most 63). Takes effect at the next advertisement.</summary>
        public string Hostname
        {
            get { return hostname; }
            set
            {
                WifiService.CheckHostname(value, 63);
                hostname = value;
            }
        }

        /// <summary>Human-readable instance name (default: the host name). Takes effect at the next advertisement.</summary>
        public string InstanceName
        {
            get { return instanceName; }
            set
            {
                if (value == null || value.Length == 0) throw new ArgumentException("instance name must not be empty", "value");
                instanceName = value;
            }
        }

        /// <summary>
        /// Announces a service, e.g. (<c>"_http"</c>, <c>"_tcp"</c>, 80). Each TXT record is <c>key=value</c> (a record
        /// without '=' is a key with an empty value); at most 10.
        /// </summary>
        public void AdvertiseService(string serviceType, string protocol, int port, string[] txtRecords = null)
        {
            if (protocol != "_tcp" && protocol != "_udp") throw new ArgumentException("protocol must be _tcp or _udp", "protocol");
            int n = txtRecords == null ? 0 : txtRecords.Length;
            var keys = new string[n];
            var values = new string[n];
            for (int i = 0; i < n; i++)
            {
                var record = txtRecords[i] ?? "";
                int eq = record.IndexOf('=');
                keys[i] = eq < 0 ? record : record.Substring(0, eq);
                values[i] = eq < 0 ? "" : record.Substring(eq + 1);
                if (keys[i].Length == 0) throw new ArgumentException("a TXT record needs a key", "txtRecords");
            }
            radio.Service.Advertise(new MdnsAdvertisement(hostname, serviceType, port, instanceName, protocol, n == 0 ? null : keys, n == 0 ? null : values));
        }

        /// <summary>Stops announcing (<c>AT+MDNS=0</c>).</summary>
        public void Deinit()
        {
            radio.Service.StopMdns();
        }
    }
}
