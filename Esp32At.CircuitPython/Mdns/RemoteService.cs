namespace Esp32At.CircuitPython.Mdns
{
    /// <summary>
    /// <c>mdns.RemoteService</c>: a service instance <see cref="Server.Find"/> found on the local network. What its
    /// responder did not tell (no SRV record: no host and port; no A record: no address) is null or 0.
    /// </summary>
    public sealed class RemoteService
    {
        internal RemoteService(string hostname, string instanceName, string serviceType, string protocol, int port, IPv4Address ipv4Address, string[] txtRecords)
        {
            Hostname = hostname;
            InstanceName = instanceName;
            ServiceType = serviceType;
            Protocol = protocol;
            Port = port;
            Ipv4Address = ipv4Address;
            TxtRecords = txtRecords;
        }

        /// <summary>Host name of the service's device, without <c>.local</c> (e.g. <c>printer</c>), or null when unknown.</summary>
        public string Hostname { get; private set; }
        /// <summary>Instance name, e.g. <c>Office Printer</c>.</summary>
        public string InstanceName { get; private set; }
        /// <summary>Service type, e.g. <c>_http</c>.</summary>
        public string ServiceType { get; private set; }
        /// <summary><c>_tcp</c> or <c>_udp</c>.</summary>
        public string Protocol { get; private set; }
        /// <summary>Port, or 0 when unknown.</summary>
        public int Port { get; private set; }
        /// <summary>IPv4 address, or null when unknown.</summary>
        public IPv4Address Ipv4Address { get; private set; }
        /// <summary>TXT strings as sent, usually <c>key=value</c> (empty when there are none).</summary>
        public string[] TxtRecords { get; private set; }

        /// <summary>The value of TXT key <paramref name="key"/> (case-insensitive, RFC 6763 §6.4); "" for a key without
        /// '=', null when absent.</summary>
        public string TxtValue(string key)
        {
            for (int i = 0; i < TxtRecords.Length; i++)
            {
                string record = TxtRecords[i];
                int eq = record.IndexOf('=');
                string name = eq < 0 ? record : record.Substring(0, eq);
                if (Mdns.DnsName.Same(name, key)) return eq < 0 ? "" : record.Substring(eq + 1);
            }
            return null;
        }

        /// <summary>Instance, type and address, for logs.</summary>
        public override string ToString()
        {
            return InstanceName + "." + ServiceType + "." + Protocol + " at " + (Hostname ?? "?") + ":" + Port +
                (Ipv4Address == null ? "" : " (" + Ipv4Address + ")");
        }
    }
}
