using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;

namespace Esp32At.Tests.Reliability;

/// <summary>A one-client TLS 1.2 echo server on 127.0.0.1 presenting whatever certificate the test gives it.</summary>
public sealed class CertificateTlsServer : IDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly Thread thread;

    public CertificateTlsServer(X509Certificate2 certificate)
    {
        listener.Start();
        thread = new Thread(() =>
        {
            try
            {
                using var client = listener.AcceptTcpClient();
                using var tls = new SslStream(client.GetStream());
                tls.AuthenticateAsServer(new SslServerAuthenticationOptions
                {
                    ServerCertificate = certificate,
                    EnabledSslProtocols = SslProtocols.Tls12,
                    CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
                });
                Handshaken = true;
                var b = new byte[1024];
                int n;
                while ((n = tls.Read(b, 0, b.Length)) > 0) { tls.Write(b, 0, n); tls.Flush(); }
            }
            catch (Exception e) when (e is SocketException or IOException or ObjectDisposedException or AuthenticationException) { }
        }) { IsBackground = true };
        thread.Start();
    }

    public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;
    public volatile bool Handshaken;

    public void Dispose()
    {
        listener.Stop();
        thread.Join(2000);
    }
}
