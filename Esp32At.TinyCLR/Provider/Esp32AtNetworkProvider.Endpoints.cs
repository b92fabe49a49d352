using System;
using Esp32At.Engine;
using System.Net;
using System.Net.Sockets;

namespace Esp32At.TinyCLR.Provider
{
    // The socket's endpoints: the connect target, or what the ESP lists for the link (AT+CIPSTATE?).
    public sealed partial class Esp32AtNetworkProvider
    {
        /// <summary>The peer's address: the connect target, or (accepted clients) what the ESP lists for the link.</summary>
        public void GetRemoteAddress(int socket, out SocketAddress address)
        {
            var s = Get(socket);
            lock (s)
            {
                if (!s.RemoteKnown && s.LinkId >= 0) QueryEndpoints(s);
                if (!s.RemoteKnown) throw SocketErrors.Create(SocketError.NotConnected);
                address = s.Ipv6 ? SocketAddressCodec.Encode6(s.RemoteIpv6, s.RemotePort) : SocketAddressCodec.Encode(s.RemoteAddress, s.RemotePort);
            }
        }

        /// <summary>The ESP's station address and the socket's local port.</summary>
        public void GetLocalAddress(int socket, out SocketAddress address)
        {
            var s = Get(socket);
            lock (s)
            {
                int port = s.BoundPort;
                if (port == 0 && s.LinkId >= 0 && !s.Ipv6)
                {
                    uint remote;
                    int remotePort;
                    if (Table.QueryEndpoints(s.LinkId, out remote, out remotePort, out port) && !s.RemoteKnown)
                    {
                        s.RemoteAddress = remote;
                        s.RemotePort = remotePort;
                        s.RemoteKnown = true;
                    }
                }
                address = SocketAddressCodec.Encode(LocalAddress(), port);
            }
        }

        private void QueryEndpoints(ProviderSocket s)
        {
            if (s.Ipv6)
            {
                string text;
                int port, local;
                var bytes = Table.QueryEndpointsText(s.LinkId, out text, out port, out local) ? Ipv6.Parse(text) : null;
                if (bytes == null) return;
                Array.Copy(bytes, s.RemoteIpv6, 16);
                s.RemotePort = port;
                s.RemoteKnown = true;
                return;
            }
            uint remote;
            int remotePort;
            int localPort;
            if (Table.QueryEndpoints(s.LinkId, out remote, out remotePort, out localPort))
            {
                s.RemoteAddress = remote;
                s.RemotePort = remotePort;
                s.RemoteKnown = true;
            }
        }
    }
}
