using System;
using Esp32At.Device;
using Esp32At.Engine;
using Esp32At.Links;

namespace Esp32At.CircuitPython
{
    /// <summary>
    /// <c>socketpool.SocketPool</c>: makes sockets whose connections live on the ESP (link ids 0-4) and resolves
    /// names through it. Every pool of one device shares its links, server and certificates, as the core's singleton
    /// does; creating a second pool never disturbs the first one's sockets.
    /// </summary>
    public sealed partial class SocketPool
    {
        /// <summary>Stream (TCP) socket type.</summary>
        public const int SOCK_STREAM = 1;
        /// <summary>Datagram (UDP) socket type.</summary>
        public const int SOCK_DGRAM = 2;
        /// <summary>Raw sockets: not available over ESP-AT (socket() refuses them).</summary>
        public const int SOCK_RAW = 3;
        /// <summary>IPv4.</summary>
        public const int AF_INET = 2;
        /// <summary>IPv6: not supported (socket() refuses it).</summary>
        public const int AF_INET6 = 10;
        /// <summary>Default protocol.</summary>
        public const int IPPROTO_IP = 0;
        /// <summary>ICMP.</summary>
        public const int IPPROTO_ICMP = 1;
        /// <summary>TCP (also the setsockopt level of <see cref="TCP_NODELAY"/>).</summary>
        public const int IPPROTO_TCP = 6;
        /// <summary>UDP.</summary>
        public const int IPPROTO_UDP = 17;
        /// <summary>IPv6.</summary>
        public const int IPPROTO_IPV6 = 41;
        /// <summary>Raw IP.</summary>
        public const int IPPROTO_RAW = 255;
        /// <summary>Option: Nagle off (sent to the ESP with <c>AT+CIPTCPOPT</c>).</summary>
        public const int TCP_NODELAY = 1;
        /// <summary>Socket-level options.</summary>
        public const int SOL_SOCKET = 0xfff;
        /// <summary>Option: accepted and ignored (the ESP reuses its server port anyway).</summary>
        public const int SO_REUSEADDR = 0x0004;
        /// <summary>Option: accepted and ignored (no multicast over ESP-AT).</summary>
        public const int IP_MULTICAST_TTL = 5;
        /// <summary>getaddrinfo error: the name is unknown.</summary>
        public const int EAI_NONAME = -2;

        private readonly PoolResources resources;

        /// <summary>The pool of the radio set up by <see cref="Wifi.Init"/> (the core's <c>SocketPool(wifi.radio)</c>).</summary>
        public SocketPool(Radio radio)
        {
            if (radio == null) throw new ArgumentNullException("radio");
            resources = PoolResources.For(radio.Service.Device);
        }

        /// <summary>A pool over an initialised device directly (without the <c>wifi</c> module).</summary>
        public SocketPool(Esp32AtDevice device)
        {
            resources = PoolResources.For(device);
        }

        /// <summary>The library's connection table underneath (shared by every pool of the device).</summary>
        public ConnectionTable Links { get { return resources.Table; } }

        internal PoolResources Resources { get { return resources; } }

        /// <summary>
        /// <c>socket(family, type, proto)</c>: a new socket; nothing is sent to the ESP until it connects, binds or
        /// sends. <see cref="AF_INET"/> or <see cref="AF_INET6"/> (the ESP's <c>TCPv6</c>/<c>UDPv6</c>/<c>SSLv6</c>
        /// links: needs <c>Esp32AtOptions.Ipv6</c>) with <see cref="SOCK_STREAM"/> or <see cref="SOCK_DGRAM"/>.
        /// </summary>
        /// <exception cref="ArgumentException">Another family, type or protocol (the core's ValueError / OSError).</exception>
        public Socket Socket(int family = AF_INET, int type = SOCK_STREAM, int proto = IPPROTO_IP)
        {
            if (family != AF_INET && family != AF_INET6) throw new ArgumentException("Only AF_INET and AF_INET6 families supported", "family");
            if (type != SOCK_STREAM && type != SOCK_DGRAM) throw new ArgumentException("Only SOCK_STREAM and SOCK_DGRAM are supported over ESP-AT", "type");
            if (proto != IPPROTO_IP && proto != (type == SOCK_STREAM ? IPPROTO_TCP : IPPROTO_UDP))
                throw new ArgumentException("protocol " + proto + " does not fit socket type " + type, "proto");
            return new Socket(resources, family, type, proto);
        }

        /// <summary>
        /// <c>getaddrinfo(host, port, family, type, proto, flags)</c>: one result, resolved by the ESP
        /// (<c>AT+CIPDOMAIN</c>; a literal is not sent): IPv4 for family 0 or <see cref="AF_INET"/>, IPv6
        /// (<c>AT+CIPDOMAIN="host",3</c>, lwIP's text form) for <see cref="AF_INET6"/>.
        /// </summary>
        /// <exception cref="GaiError">The name does not resolve (errno <see cref="EAI_NONAME"/>).</exception>
        public AddrInfo[] GetAddrInfo(string host, int port, int family = 0, int type = 0, int proto = 0, int flags = 0)
        {
            if (host == null) throw new ArgumentNullException("host");
            if (port < 0 || port > 65535) throw new ArgumentOutOfRangeException("port", "port must be 0 to 65535");
            if (family != 0 && family != AF_INET && family != AF_INET6) throw new GaiError(host, new NotSupportedException("only AF_INET and AF_INET6"));
            string ip;
            try
            {
                ip = resources.Resolver.ToLiteral(host, family == AF_INET6);
            }
            catch (ArgumentException e)
            {
                throw new GaiError(host, e);
            }
            catch (AtTimeoutException e)
            {
                throw SocketErrors.From(e, Errno.ETIMEDOUT, "getaddrinfo " + host);
            }
            catch (AtCommandException e)
            {
                throw new GaiError(host, e);
            }
            return new AddrInfo[] { new AddrInfo(family == AF_INET6 ? AF_INET6 : AF_INET, type, proto, new SocketEndpoint(ip, port)) };
        }
    }
}
