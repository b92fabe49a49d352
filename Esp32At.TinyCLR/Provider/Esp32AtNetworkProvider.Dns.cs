using System;
using System.Net;
using System.Net.Sockets;
using Esp32At.Engine;
using Esp32At.Links;

namespace Esp32At.TinyCLR.Provider
{
    // Name resolution for TinyCLR's Dns class, through the ESP (AT+CIPDOMAIN).
    public sealed partial class Esp32AtNetworkProvider
    {
        /// <summary>Resolves through the ESP (<c>AT+CIPDOMAIN</c>); an unknown name is SocketException(HostNotFound).</summary>
        public void GetHostByName(string name, out string canonicalName, out SocketAddress[] addresses)
        {
            if (name == null || name.Length == 0) throw SocketErrors.Create(SocketError.HostNotFound);
            byte[] ip;
            try
            {
                ip = Resolver.Resolve(name);
            }
            catch (AtTimeoutException)
            {
                throw SocketErrors.Create(SocketError.TryAgain);
            }
            catch (Exception e)
            {
                if (e is SocketException) throw;
                throw SocketErrors.Create(SocketError.HostNotFound);
            }
            canonicalName = name;
            addresses = new SocketAddress[] { SocketAddressCodec.Encode(Ipv4.FromBytes(ip), 0) };
        }
    }
}
