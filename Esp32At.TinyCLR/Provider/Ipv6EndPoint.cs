using System;
using System.Net;
using System.Net.Sockets;
using Esp32At.Engine;

namespace Esp32At.TinyCLR.Provider
{
    /// <summary>
    /// An IPv6 address and port for TinyCLR's <see cref="Socket"/>, which GHI's <see cref="IPEndPoint"/> cannot express
    /// (its <see cref="IPAddress"/> holds four bytes and its <c>Serialize</c> always writes InterNetwork). GHI's Socket
    /// hands any <see cref="EndPoint"/>'s <see cref="Serialize"/> bytes to the provider unchanged, so with a socket made as
    /// <c>new Socket(AddressFamily.InterNetworkV6, …)</c>, <c>Connect</c>, <c>Bind</c>, <c>SendTo</c> and
    /// <c>ReceiveFrom(ref EndPoint)</c> work with this type (ESP-AT's TCPv6/UDPv6/SSLv6 links; needs
    /// <c>Esp32AtOptions.Ipv6</c>). Layout: sockaddr_in6, 28 bytes.
    /// </summary>
    public sealed class Ipv6EndPoint : EndPoint
    {
        /// <summary>Bytes of the socket address: family, port, flow info, 16 address bytes, scope id.</summary>
        public const int Size = 28;
        private readonly byte[] address;

        /// <summary>The endpoint of <paramref name="address"/> (16 bytes, network order) and <paramref name="port"/>.</summary>
        public Ipv6EndPoint(byte[] address, int port)
        {
            if (address == null) throw new ArgumentNullException("address");
            if (address.Length != 16) throw new ArgumentException("an IPv6 address is 16 bytes", "address");
            if (port < 0 || port > 65535) throw new ArgumentOutOfRangeException("port");
            this.address = (byte[])address.Clone();
            Port = port;
        }

        /// <summary>Parses an IPv6 literal (any text form), e.g. <c>new Ipv6EndPoint("2001:db8::10", 443)</c>.</summary>
        /// <exception cref="ArgumentException">Not an IPv6 literal.</exception>
        public Ipv6EndPoint(string address, int port) : this(ParseOrThrow(address), port)
        {
        }

        /// <summary>The port.</summary>
        public int Port { get; private set; }

        /// <summary>A copy of the 16 address bytes.</summary>
        public byte[] GetAddressBytes()
        {
            return (byte[])address.Clone();
        }

        /// <summary>The 28-byte InterNetworkV6 socket address the provider reads.</summary>
        public override SocketAddress Serialize()
        {
            return SocketAddressCodec.Encode6(address, Port);
        }

        /// <summary>The endpoint in <paramref name="socketAddress"/>; an IPv4 one becomes <c>::FFFF:a.b.c.d</c>.</summary>
        public override EndPoint Create(SocketAddress socketAddress)
        {
            if (socketAddress == null) throw new ArgumentNullException("socketAddress");
            int port = socketAddress[2] << 8 | socketAddress[3];
            var bytes = new byte[16];
            if (socketAddress.Family == AddressFamily.InterNetworkV6)
            {
                for (int i = 0; i < 16; i++) bytes[i] = socketAddress[8 + i];
            }
            else
            {
                bytes[10] = 0xFF;
                bytes[11] = 0xFF;
                for (int i = 0; i < 4; i++) bytes[12 + i] = socketAddress[4 + i];
            }
            return new Ipv6EndPoint(bytes, port);
        }

        /// <summary><c>[address]:port</c>, the address in lwIP's form (as ESP-AT prints it).</summary>
        public override string ToString()
        {
            return "[" + Ipv6.Format(address) + "]:" + Port;
        }

        /// <summary>Equal when address and port are.</summary>
        public override bool Equals(object obj)
        {
            var other = obj as Ipv6EndPoint;
            if (other == null || other.Port != Port) return false;
            for (int i = 0; i < 16; i++) if (other.address[i] != address[i]) return false;
            return true;
        }

        /// <summary>Consistent with <see cref="Equals"/>.</summary>
        public override int GetHashCode()
        {
            return (address[12] << 24 | address[13] << 16 | address[14] << 8 | address[15]) ^ Port;
        }

        private static byte[] ParseOrThrow(string text)
        {
            var bytes = text == null || text.IndexOf(':') < 0 ? null : Ipv6.Parse(text);
            if (bytes == null) throw new ArgumentException("not an IPv6 literal: " + text, "address");
            return bytes;
        }
    }
}
