using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using Esp32At.Tests.EmulatorNet;

namespace Esp32At.Tests.CircuitPython;

/// <summary>
/// A loopback TLS echo server that keeps accepting: clients that close before or during the handshake are skipped,
/// the first one that completes it is served (for the wrap-after-connect case, which opens two connections).
/// </summary>
public sealed class MultiClientTlsServer : IDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly Thread thread;

    public MultiClientTlsServer()
    {
        listener.Start();
        thread = new Thread(() =>
        {
            try
            {
                while (true)
                {
                    using var client = listener.AcceptTcpClient();
                    Accepted++;
                    try
                    {
                        using var tls = new SslStream(client.GetStream());
                        tls.AuthenticateAsServer(new SslServerAuthenticationOptions
                        {
                            ServerCertificate = TestCertificates.Shared.Server,
                            EnabledSslProtocols = SslProtocols.Tls12,
                            CertificateRevocationCheckMode = System.Security.Cryptography.X509Certificates.X509RevocationMode.NoCheck,
                        });
                        Handshaken.Set();
                        TlsLoopbackServer.Echo(tls);
                        return;
                    }
                    catch (Exception e) when (e is IOException or AuthenticationException) { } // a client that went away: next
                }
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException) { }
        }) { IsBackground = true };
        thread.Start();
    }

    public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;
    public int Accepted { get; private set; }
    public ManualResetEventSlim Handshaken { get; } = new();

    public void Dispose()
    {
        listener.Stop();
        thread.Join(2000);
    }
}
