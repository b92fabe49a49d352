using System;

namespace Esp32At.Wifi
{
    /// <summary>
    /// What the ESP announces over mDNS (<c>AT+MDNS=1,...</c>): its host name and one service, with optional instance
    /// name, protocol and TXT records. ESP-AT publishes one service at a time.
    /// </summary>
    public sealed class MdnsAdvertisement
    {
        /// <summary>Creates the advertisement.</summary>
        /// <param name="hostname">Host name without <c>.local</c>.</param>
        /// <param name="serviceType">Service type, e.g. <c>_http</c>.</param>
        /// <param name="port">Service port.</param>
        /// <param name="instanceName">Instance name, or null.</param>
        /// <param name="protocol"><c>_tcp</c> or <c>_udp</c>, or null.</param>
        /// <param name="txtKeys">TXT record keys (at most 10), or null.</param>
        /// <param name="txtValues">TXT record values, one per key, or null.</param>
        public MdnsAdvertisement(string hostname, string serviceType, int port, string instanceName, string protocol, string[] txtKeys, string[] txtValues)
        {
            if (hostname == null || hostname.Length == 0) throw new ArgumentException("hostname must not be empty", "hostname");
            if (serviceType == null || serviceType.Length == 0) throw new ArgumentException("serviceType must not be empty", "serviceType");
            if (port < 0 || port > 65535) throw new ArgumentOutOfRangeException("port", "port must be 0 to 65535");
            int keys = txtKeys == null ? 0 : txtKeys.Length;
            int values = txtValues == null ? 0 : txtValues.Length;
            if (keys != values) throw new ArgumentException("one TXT value per key", "txtValues");
            if (keys > 10) throw new ArgumentException("ESP-AT takes at most 10 TXT records", "txtKeys");
            if (keys > 0 && (instanceName == null || protocol == null))
                throw new ArgumentException("TXT records need an instance name and a protocol (positional AT arguments)", "txtKeys");
            if (protocol != null && instanceName == null) throw new ArgumentException("a protocol needs an instance name (positional AT arguments)", "protocol");
            Hostname = hostname;
            ServiceType = serviceType;
            Port = port;
            InstanceName = instanceName;
            Protocol = protocol;
            TxtKeys = txtKeys ?? new string[0];
            TxtValues = txtValues ?? new string[0];
        }

        /// <summary>Host name without <c>.local</c>.</summary>
        public string Hostname { get; private set; }
        /// <summary>Service type, e.g. <c>_http</c>.</summary>
        public string ServiceType { get; private set; }
        /// <summary>Service port.</summary>
        public int Port { get; private set; }
        /// <summary>Instance name, or null.</summary>
        public string InstanceName { get; private set; }
        /// <summary>Protocol (<c>_tcp</c>/<c>_udp</c>), or null.</summary>
        public string Protocol { get; private set; }
        /// <summary>TXT keys (never null).</summary>
        public string[] TxtKeys { get; private set; }
        /// <summary>TXT values (never null).</summary>
        public string[] TxtValues { get; private set; }
    }
}
