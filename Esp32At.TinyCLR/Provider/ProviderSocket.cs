using System.Net.Sockets;

namespace Esp32At.TinyCLR.Provider
{
    /// <summary>One TinyCLR socket handle and what the provider knows about it (guarded by the provider's lock).</summary>
    internal sealed class ProviderSocket
    {
        public ProviderSocket(int handle, SocketType type)
        {
            Handle = handle;
            Type = type;
            LinkId = -1;
        }

        public readonly int Handle;
        public readonly SocketType Type;
        /// <summary>The ESP link behind the socket, or -1.</summary>
        public int LinkId;
        /// <summary>Connect was called; the link opens at first use (TCP) or in AuthenticateAsClient (TLS).</summary>
        public bool ConnectPending;
        public bool Listening;
        /// <summary>A TLS link (opened by AuthenticateAsClient, or accepted by an SSL server).</summary>
        public bool Secure;
        /// <summary>The peer closed and everything was read (or Shutdown closed the link).</summary>
        public bool Eof;
        /// <summary>TinyCLR 3.0's Shutdown of sending (or both) closed the link: sends fail with Shutdown.</summary>
#pragma warning disable CS0649 // only TinyCLR 3.0's Shutdown sets it; on 2.2 it stays false and the checks cost nothing
        public bool SendShutdown;
#pragma warning restore CS0649
        public int BoundPort;
        public uint RemoteAddress;
        /// <summary>An InterNetworkV6 socket: TCPv6/UDPv6/SSLv6 links, 28-byte addresses; its peer is <see cref="RemoteIpv6"/>.</summary>
        public bool Ipv6;
        public readonly byte[] RemoteIpv6 = new byte[16];
        public int RemotePort;
        public bool RemoteKnown;
        /// <summary>The last failure, for GetOption(Socket, Error).</summary>
        public int Error;
        public int SendTimeoutMs;
        public int ReceiveTimeoutMs;
        public bool NoDelay;
        public bool KeepAlive;
        public bool ReuseAddress;
    }
}
