using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;

namespace Esp32At.Tests.EmulatorNet;

/// <summary>A one-client TLS 1.2 server on 127.0.0.1 presenting <see cref="TestCertificates.Server"/>; reports what the client sent in the handshake.</summary>
public sealed class TlsLoopbackServer : IDisposable
{
    private readonly TcpListener listener;
    private readonly Thread thread;

    /// <param name="requireClientCertificate">Demand a client certificate issued by the test CA.</param>
    /// <param name="alpn">Protocols the server offers.</param>
    /// <param name="address">Where it listens: 127.0.0.1 unless given.</param>
    public TlsLoopbackServer(Action<SslStream> serve, bool requireClientCertificate = false, string[]? alpn = null, IPAddress? address = null)
    {
        listener = new TcpListener(address ?? IPAddress.Loopback, 0);
        var pki = TestCertificates.Shared;
        listener.Start();
        thread = new Thread(() =>
        {
            try
            {
                using var client = listener.AcceptTcpClient();
                using var tls = new SslStream(client.GetStream());
                var options = new SslServerAuthenticationOptions
                {
                    ServerCertificate = pki.Server,
                    EnabledSslProtocols = SslProtocols.Tls12,
                    ClientCertificateRequired = requireClientCertificate,
                    CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
                    RemoteCertificateValidationCallback = (_, cert, _, _) => !requireClientCertificate || IssuedByTestCa(cert),
                    ApplicationProtocols = alpn?.Select(a => new SslApplicationProtocol(a)).ToList(),
                };
                tls.AuthenticateAsServer(options);
                ServerName = tls.TargetHostName;
                Alpn = tls.NegotiatedApplicationProtocol.ToString();
                ClientCertificateSubject = tls.RemoteCertificate?.Subject;
                Handshaken.Set();
                serve(tls);
            }
            catch (Exception e) when (e is SocketException or IOException or ObjectDisposedException or AuthenticationException)
            {
                Failure = e;
                Failed.Set();
            }
        }) { IsBackground = true };
        thread.Start();
    }

    public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;
    /// <summary>The SNI the client sent ("" without SNI).</summary>
    public string? ServerName { get; private set; }
    public string? Alpn { get; private set; }
    public string? ClientCertificateSubject { get; private set; }
    public ManualResetEventSlim Handshaken { get; } = new();
    public ManualResetEventSlim Failed { get; } = new();
    public Exception? Failure { get; private set; }

    public static void Echo(SslStream s)
    {
        var b = new byte[4096];
        int n;
        while ((n = s.Read(b, 0, b.Length)) > 0)
        {
            s.Write(b, 0, n);
            s.Flush();
        }
    }

    private static bool IssuedByTestCa(X509Certificate? cert)
    {
        if (cert is null) return false;
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(TestCertificates.Shared.Ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(X509CertificateLoader.LoadCertificate(cert.GetRawCertData()));
    }

    public void Dispose()
    {
        listener.Stop();
        thread.Join(2000);
    }
}
