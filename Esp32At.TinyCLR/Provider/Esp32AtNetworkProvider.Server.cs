using System;
using System.Net.Sockets;
using Esp32At.Links;

namespace Esp32At.TinyCLR.Provider
{
    // The listening half: Listen starts the ESP's server (AT+CIPSERVER), Accept hands out the clients it accepted.
    public sealed partial class Esp32AtNetworkProvider
    {
        /// <summary>Starts the ESP's server (<c>AT+CIPSERVER</c>) on the bound port; the backlog caps the accepted links (1-5).</summary>
        public void Listen(int socket, int backlog)
        {
            var s = Get(socket);
            lock (s)
            {
                if (s.Type != SocketType.Stream) throw SocketErrors.Create(SocketError.OperationNotSupported);
                if (s.BoundPort == 0) throw SocketErrors.Create(SocketError.InvalidArgument);
                if (s.Listening) return;
                if (Server.Port != 0) throw SocketErrors.Create(SocketError.AddressAlreadyInUse);
                int max = backlog < 1 ? 1 : backlog > Table.Count ? Table.Count : backlog;
                try
                {
                    StartServer(s.BoundPort, max, s.Ipv6);
                }
                catch (Exception e)
                {
                    throw Fail(s, e, SocketError.AddressAlreadyInUse);
                }
                s.Listening = true;
            }
        }

        /// <summary>
        /// Returns a handle for the next client the ESP's server accepted. TinyCLR 2.2 calls it after Poll said readable;
        /// it waits (without spinning) while the listener is open. TinyCLR 3.0: -1 after a short wait with nobody pending.
        /// </summary>
        public int Accept(int socket)
        {
            var s = Get(socket);
            while (true)
            {
                lock (s)
                {
                    if (!s.Listening) throw SocketErrors.Create(SocketError.InvalidArgument);
                }
                int linkId = Table.Accept(WaitQuantumMs * 4);
                if (linkId >= 0)
                {
                    var client = AddSocket(SocketType.Stream);
                    lock (client)
                    {
                        client.LinkId = linkId;
                        client.Ipv6 = Table.IsIpv6(linkId);
                        client.Secure = Table.KindOf(linkId) == LinkKind.Ssl;
                    }
                    return client.Handle;
                }
#if TINYCLR_V3
                return -1;
#else
                lock (gate)
                {
                    if (sockets[socket] == null) throw SocketErrors.Create(SocketError.NotSocket);
                }
#endif
            }
        }
    }
}
