namespace Esp32At.CircuitPython.Mdns
{
    /// <summary><c>mdns.RemoteService</c>: a service found by browsing. Present for the API; <see cref="Server.Find"/> cannot produce one yet.</summary>
    public sealed class RemoteService
    {
        internal RemoteService(string hostname, string instanceName, string serviceType, string protocol, int port, IPv4Address ipv4Address)
        {
            Hostname = hostname;
            InstanceName = instanceName;
            ServiceType = serviceType;
            Protocol = protocol;
            Port = port;
            Ipv4Address = ipv4Address;
        }

        /// <summary>Host name of the service's device.</summary>
        public string Hostname { get; private set; }
        /// <summary>Instance name.</summary>
        public string InstanceName { get; private set; }
        /// <summary>Service type, e.g. <c>_http</c>.</summary>
        public string ServiceType { get; private set; }
        /// <summary><c>_tcp</c> or <c>_udp</c>.</summary>
        public string Protocol { get; private set; }
        /// <summary>Port.</summary>
        public int Port { get; private set; }
        /// <summary>IPv4 address, or null.</summary>
        public IPv4Address Ipv4Address { get; private set; }
    }
}
