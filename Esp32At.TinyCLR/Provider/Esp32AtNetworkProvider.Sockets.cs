using System;
using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using Esp32At.Engine;
using Esp32At.Links;

namespace Esp32At.TinyCLR.Provider
{
    // The socket half of the provider: TinyCLR's Socket, Dns and SslStream call these (tinyclr-api.md §3.2).
    public sealed partial class Esp32AtNetworkProvider
    {
#if TINYCLR_V3
        private const int NoData = -2;
        private const int EndOfStream = 0;
#else
        // 2.2: 0 makes Socket.Receive sleep and retry; a negative value ends the read with 0 (end of stream).
        private const int NoData = 0;
        private const int EndOfStream = -1;
#endif
        /// <summary>The longest a provider call waits before answering "not yet" (TinyCLR's Socket loops around it).</summary>
        private const int WaitQuantumMs = 50;

        /// <summary>
        /// Creates a socket handle; the ESP link is bound later by Connect, SendTo or an accept. InterNetwork, or
        /// InterNetworkV6 when <c>Esp32AtOptions.Ipv6</c> is on (peers as <see cref="Ipv6EndPoint"/>); else AddressFamilyNotSupported.
        /// </summary>
        public int Create(AddressFamily addressFamily, SocketType socketType, ProtocolType protocolType)
        {
            // InterNetworkV6 (only with Esp32AtOptions.Ipv6): GHI's Socket passes the family through; the peer then comes
            // as an Ipv6EndPoint's 28 bytes.
            if (addressFamily != AddressFamily.InterNetwork && (addressFamily != AddressFamily.InterNetworkV6 || !options.Ipv6))
                throw SocketErrors.Create(SocketError.AddressFamilyNotSupported);
            bool stream = socketType == SocketType.Stream && (protocolType == ProtocolType.Tcp || protocolType == ProtocolType.IP);
            bool datagram = socketType == SocketType.Dgram && (protocolType == ProtocolType.Udp || protocolType == ProtocolType.IP);
            if (!stream && !datagram) throw SocketErrors.Create(SocketError.ProtocolNotSupported);
            var s = AddSocket(socketType);
            s.Ipv6 = addressFamily == AddressFamily.InterNetworkV6;
            return s.Handle;
        }

        /// <summary>Closes the socket's link or server. Idempotent: SslStream and Socket both close the same handle.</summary>
        public void Close(int socket)
        {
            ProviderSocket s;
            lock (gate)
            {
                s = (ProviderSocket)sockets[socket];
                if (s == null) return;
                sockets.Remove(socket);
            }
            lock (s)
            {
                try
                {
                    if (s.LinkId >= 0) Table.Close(s.LinkId);
                    if (s.Listening) Server.Stop();
                }
                catch (Exception e)
                {
                    Note("close " + socket + ": " + e.Message); // the handle is gone either way
                }
                s.LinkId = -1;
                s.Listening = false;
            }
        }

#if TINYCLR_V3
        /// <summary>
        /// TinyCLR 3.0: ESP-AT has no half-close, so shutting down sending or both closes the ESP link (AT+CIPCLOSE);
        /// the handle stays valid until Close, as a socket's does: reads then return end of stream, sends fail with
        /// Shutdown. Shutting down receiving only tells the ESP nothing.
        /// </summary>
        public void Shutdown(int socket, SocketShutdown how)
        {
            var s = Get(socket);
            if (how == SocketShutdown.Receive) return;
            lock (s)
            {
                if (s.Listening) throw SocketErrors.Create(SocketError.NotConnected);
                try
                {
                    if (s.LinkId >= 0) Table.Close(s.LinkId);
                }
                catch (Exception e)
                {
                    Note("shutdown " + socket + ": " + e.Message); // the link is gone either way
                }
                s.LinkId = -1;
                s.ConnectPending = false;
                s.SendShutdown = true;
                s.Eof = true;
            }
        }
#endif

        /// <summary>Remembers the local port (for Listen, or a UDP socket's receive port). The address part is ignored: the ESP has one.</summary>
        public void Bind(int socket, SocketAddress address)
        {
            var s = Get(socket);
            int port;
            SocketAddressCodec.DecodeText(address, s.Ipv6, new byte[16], out port);
            lock (s)
            {
                if (s.LinkId >= 0 || s.Listening) throw SocketErrors.Create(SocketError.IsConnected);
                s.BoundPort = port;
            }
        }

        /// <summary>
        /// TCP: records the peer; the ESP link opens at the first send, receive or poll for reading, or as TLS in
        /// AuthenticateAsClient (ESP-AT opens TLS links with CIPSTART "SSL", so a plain TCP connect cannot be upgraded).
        /// A refused connection therefore surfaces at that first use. Set <see cref="DeferConnect"/> false to connect here.
        /// UDP: opens the link now.
        /// </summary>
        public void Connect(int socket, SocketAddress address)
        {
            var s = Get(socket);
            int port;
            var ipv6 = new byte[16];
            string host = SocketAddressCodec.DecodeText(address, s.Ipv6, ipv6, out port);
            if (port == 0) throw SocketErrors.Create(SocketError.AddressNotAvailable);
            lock (s)
            {
                if (s.LinkId >= 0 || s.Listening) throw SocketErrors.Create(SocketError.IsConnected);
                if (!s.Ipv6) Ipv4.TryParse(host, out s.RemoteAddress);
                Array.Copy(ipv6, s.RemoteIpv6, 16);
                s.RemotePort = port;
                s.RemoteKnown = true;
                if (s.Type == SocketType.Dgram)
                {
                    OpenUdp(s, host, port);
                    return;
                }
                s.ConnectPending = true;
                if (!DeferConnect) EnsureConnected(s);
            }
        }

        // ---- helpers (callers hold the socket's lock) ----

        // Handles count up from 1 and wrap to 1, so none is ever -1 (TinyCLR's "closed").
        private ProviderSocket AddSocket(SocketType type)
        {
            lock (gate)
            {
                int handle = nextHandle;
                nextHandle = nextHandle == int.MaxValue ? 1 : nextHandle + 1;
                var s = new ProviderSocket(handle, type);
                sockets[handle] = s;
                return s;
            }
        }

        private ProviderSocket Get(int handle)
        {
            lock (gate)
            {
                var s = (ProviderSocket)sockets[handle];
                if (s == null) throw SocketErrors.Create(SocketError.NotSocket);
                return s;
            }
        }

        private void EnsureConnected(ProviderSocket s)
        {
            if (!s.ConnectPending) return;
            try
            {
                s.LinkId = s.Ipv6 ? Table.OpenTcp6(RemoteText(s), s.RemotePort, ConnectTimeoutMs) : Table.OpenTcp(RemoteText(s), s.RemotePort, ConnectTimeoutMs);
            }
            catch (Exception e)
            {
                s.ConnectPending = false;
                throw Fail(s, e, SocketError.ConnectionRefused);
            }
            s.ConnectPending = false;
            ApplyTcpOptions(s);
        }

        private void OpenUdp(ProviderSocket s, string host, int port)
        {
            try
            {
                s.LinkId = s.Ipv6 ? Table.OpenUdp6(host, port, s.BoundPort, ConnectTimeoutMs) : Table.OpenUdp(host, port, s.BoundPort, ConnectTimeoutMs);
            }
            catch (Exception e)
            {
                throw Fail(s, e, SocketError.NetworkUnreachable);
            }
        }

        // The connect target as address text for the ESP.
        private static string RemoteText(ProviderSocket s)
        {
            return s.Ipv6 ? Ipv6.Format(s.RemoteIpv6) : Ipv4.Format(s.RemoteAddress);
        }
    }
}
