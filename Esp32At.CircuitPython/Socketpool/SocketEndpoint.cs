using System;

namespace Esp32At.CircuitPython
{
    /// <summary>The <c>(ip, port)</c> pair of the core API: what accept and recvfrom_into report, getaddrinfo returns.</summary>
    public sealed class SocketEndpoint
    {
        /// <summary>An endpoint of <paramref name="ip"/> (dotted IPv4, or a host name where one is accepted) and <paramref name="port"/>.</summary>
        public SocketEndpoint(string ip, int port)
        {
            if (ip == null) throw new ArgumentNullException("ip");
            Ip = ip;
            Port = port;
        }

        /// <summary>The address (dotted IPv4).</summary>
        public string Ip { get; private set; }

        /// <summary>The port.</summary>
        public int Port { get; private set; }

        /// <summary>Python's tuple form, e.g. <c>('192.168.4.2', 51234)</c>.</summary>
        public override string ToString()
        {
            return "('" + Ip + "', " + Port + ")";
        }

        /// <summary>Equal when address and port are.</summary>
        public override bool Equals(object obj)
        {
            var other = obj as SocketEndpoint;
            return other != null && other.Port == Port && other.Ip == Ip;
        }

        /// <summary>Consistent with <see cref="Equals"/>.</summary>
        public override int GetHashCode()
        {
            return Ip.GetHashCode() ^ Port;
        }
    }
}
