using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using GHIElectronics.TinyCLR.Networking;

namespace Esp32At.Demos.HttpClient;

/// <summary>
/// The demo over the TinyCLR provider, driven the way TinyCLR 2.2's <c>Socket</c>/<c>SslStream</c> drive an
/// <see cref="INetworkProvider"/> (Connect then Poll for write, Send/Receive loops where 0 means "not yet" and a negative
/// count means the end, TLS through AuthenticateAsClient + SecureRead/SecureWrite). On the device the same provider sits
/// under TinyCLR's own <c>HttpWebRequest</c>; the desktop has no TinyCLR runtime, so this stands in for it here.
/// </summary>
public sealed class ProviderNetwork(INetworkProvider provider, X509Certificate ca) : IDemoNetwork
{
    private const int TimeoutMs = 30_000;

    public string Name => "TinyCLR NetworkController provider (System.Net.Sockets/SslStream call sequences)";

    public string Resolve(string host)
    {
        provider.GetHostByName(host, out _, out var addresses);
        var a = addresses[0];
        return $"{a[4]}.{a[5]}.{a[6]}.{a[7]}";
    }

    public IDemoStream Connect(string host, int port, string? tlsServerName)
    {
        provider.GetHostByName(host, out _, out var addresses);
        int handle = provider.Create(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            var endPoint = new IPEndPoint(new IPAddress([addresses[0][4], addresses[0][5], addresses[0][6], addresses[0][7]]), port);
            provider.Connect(handle, endPoint.Serialize());
            if (!WaitUntil(() => provider.Poll(handle, TimeoutMs * 1000, SelectMode.SelectWrite))) throw new SocketException((int)SocketError.TimedOut);
            int tls = tlsServerName is null ? -1
                : provider.AuthenticateAsClient(handle, tlsServerName, ca, null!, SslProtocols.None, SslVerification.Required);
            return new ProviderStream(provider, handle, tls);
        }
        catch
        {
            provider.Close(handle);
            throw;
        }
    }

    private static bool WaitUntil(Func<bool> ready)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(TimeoutMs);
        while (!ready())
        {
            if (DateTime.UtcNow > deadline) return false;
            Thread.Sleep(1);
        }
        return true;
    }

    private sealed class ProviderStream(INetworkProvider provider, int socket, int tls) : IDemoStream
    {
        public void Write(byte[] buffer, int offset, int count)
        {
            var deadline = DateTime.UtcNow.AddMilliseconds(TimeoutMs);
            while (count > 0)
            {
                int n = tls >= 0 ? provider.SecureWrite(tls, buffer, offset, count) : provider.Send(socket, buffer, offset, count, SocketFlags.None);
                if (n < 0) throw new IOException("the connection was closed while sending");
                if (n == 0)
                {
                    if (DateTime.UtcNow > deadline) throw new IOException("send timed out");
                    Thread.Sleep(1);
                    continue;
                }
                offset += n;
                count -= n;
                deadline = DateTime.UtcNow.AddMilliseconds(TimeoutMs);
            }
        }

        public int Read(byte[] buffer, int count)
        {
            var deadline = DateTime.UtcNow.AddMilliseconds(TimeoutMs);
            while (true)
            {
                int n = tls >= 0 ? provider.SecureRead(tls, buffer, 0, count) : provider.Receive(socket, buffer, 0, count, SocketFlags.None);
                if (n > 0) return n;
                if (n < 0) return 0;
                if (DateTime.UtcNow > deadline) throw new IOException("receive timed out");
                // TinyCLR's Socket polls the same way between empty receives.
                provider.Poll(socket, 100_000, SelectMode.SelectRead);
            }
        }

        public void Dispose()
        {
            if (tls >= 0) provider.Close(tls);
            provider.Close(socket);
        }
    }
}
