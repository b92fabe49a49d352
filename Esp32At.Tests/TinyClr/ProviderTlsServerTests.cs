using GHIElectronics.TinyCLR.Framework;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Esp32At.Tests.CircuitPython;
using Esp32At.Tests.EmulatorNet;

namespace Esp32At.Tests.TinyClr;

/// <summary>
/// The provider's TLS server (issue 19). GHI's SslStream.AuthenticateAsServer(cert) calls the provider's
/// AuthenticateAsServer with the accepted socket's handle, after the ESP already did the handshake: the certificate is
/// therefore given before Listen (ServerCertificate), provisioned with AT+SYSMFG, and AuthenticateAsServer checks it.
/// </summary>
public sealed class ProviderTlsServerTests
{
    private readonly TestCertificates pki = TestCertificates.Shared;

    [Fact]
    public async Task ServerCertificate_IsProvisionedAndServed_AndAuthenticateAsServerAcceptsIt()
    {
        using var f = new ProviderFixture();
        var trace = new SocketPoolFixture.TraceLog();
        f.Provider.Device.Executor.Trace = trace;
        f.Provider.ServerCertificate = pki.Server;
        using var listener = f.Tcp();
        listener.Bind(new IPEndPoint(IPAddress.Any, 8443));
        listener.Listen(2);
        Assert.Equal(
        [
            $">> AT+SYSMFG=2,\"server_cert\",\"server_cert.0\",8,{pki.ServerPem.Length}",
            $">> AT+SYSMFG=2,\"server_key\",\"server_key.0\",8,{f.Emulator.Mfg.Blob("server_key", "server_key.0")!.Length}",
            ">> AT+CIPSERVER=1,8443,\"SSL\"",
        ], trace.Lines.Where(l => l.StartsWith(">> AT+SYSMFG") || l.StartsWith(">> AT+CIPSERVER=")));
        Assert.Equal(Encoding.ASCII.GetBytes(pki.ServerPem), f.Emulator.Mfg.Blob("server_cert", "server_cert.0")); // DER re-wrapped as PEM
        // The key went over as PKCS#8 PEM that names the same public key as the certificate.
        var served = X509Certificate2.CreateFromPem(Encoding.ASCII.GetString(f.Emulator.Mfg.Blob("server_cert", "server_cert.0")!),
            Encoding.ASCII.GetString(f.Emulator.Mfg.Blob("server_key", "server_key.0")!));
        Assert.Equal(pki.Server.Thumbprint, served.Thumbprint);

        using var client = new TcpClient();
        client.Connect(f.Emulator.Links.Ports.TcpServer(8443)!);
        using var tls = new SslStream(client.GetStream());
        var handshake = tls.AuthenticateAsClientAsync(Verifying(null));
        using var accepted = listener.Accept();
        using var ssl = new FrameworkSslStream(accepted);
        ssl.AuthenticateAsServer(pki.Server);
        Assert.True(await handshake.Within(10_000));
        Assert.Equal(pki.Server.Thumbprint, new X509Certificate2(tls.RemoteCertificate!).Thumbprint);
        tls.Write("GET"u8);
        tls.Flush();
        var buf = new byte[8];
        Assert.Equal("GET", Encoding.ASCII.GetString(buf, 0, ssl.Read(buf, 0, buf.Length)));
    }

    [Fact]
    public void AuthenticateAsServer_WithAnotherCertificateThanTheEspServed_SaysWhatToSet()
    {
        using var f = new ProviderFixture();
        f.Provider.SslServer = true; // the ESP's flashed certificate
        using var listener = f.Tcp();
        listener.Bind(new IPEndPoint(IPAddress.Any, 8444));
        listener.Listen(1);
        using var client = new TcpClient();
        client.Connect(f.Emulator.Links.Ports.TcpServer(8444)!);
        using var tls = new SslStream(client.GetStream(), false, (_, _, _, _) => true);
        var handshake = tls.AuthenticateAsClientAsync("esp");
        using var accepted = listener.Accept();
        var e = Assert.Throws<InvalidOperationException>(() => f.Provider.AuthenticateAsServer(accepted.Handle, pki.Server, SslProtocols.None));
        Assert.Contains("ServerCertificate", e.Message);
    }

    [Fact]
    public async Task ServerClientCa_RequiresClientCertificates()
    {
        using var f = new ProviderFixture();
        f.Provider.Device.Executor.Execute("AT+SYSTIMESTAMP=" + DateTimeOffset.UtcNow.ToUnixTimeSeconds(), 2000); // the ESP checks the dates
        var trace = new SocketPoolFixture.TraceLog();
        f.Provider.Device.Executor.Trace = trace;
        f.Provider.ServerCertificate = pki.Server;
        f.Provider.ServerClientCa = pki.Ca;
        using var listener = f.Tcp();
        listener.Bind(new IPEndPoint(IPAddress.Any, 8445));
        listener.Listen(2);
        Assert.Contains($">> AT+SYSMFG=2,\"server_ca\",\"server_ca.0\",8,{pki.CaPem.Length}", trace.Lines);
        Assert.Equal(">> AT+CIPSERVER=1,8445,\"SSL\",1", trace.Lines.Single(l => l.StartsWith(">> AT+CIPSERVER=1")));

        using (var anonymous = new TcpClient())
        {
            anonymous.Connect(f.Emulator.Links.Ports.TcpServer(8445)!);
            using var refused = new SslStream(anonymous.GetStream());
            Assert.ThrowsAny<Exception>(() =>
            {
                refused.AuthenticateAsClient(Verifying(null));
                refused.ReadExactly(new byte[1]);
            });
        }
        using var client = new TcpClient();
        client.Connect(f.Emulator.Links.Ports.TcpServer(8445)!);
        using var tls = new SslStream(client.GetStream());
        var handshake = tls.AuthenticateAsClientAsync(Verifying(pki.Client));
        using var accepted = listener.Accept();
        Assert.True(await handshake.Within(10_000));
        Assert.Equal(1, f.Emulator.Links.ServerLinkCount); // only the client with a certificate took a link
    }

    private SslClientAuthenticationOptions Verifying(X509Certificate2? certificate) => new()
    {
        TargetHost = TestCertificates.ServerName,
        EnabledSslProtocols = SslProtocols.Tls12,
        ClientCertificates = certificate is null ? null : new X509CertificateCollection { certificate },
        LocalCertificateSelectionCallback = certificate is null ? null : (_, _, _, _, _) => certificate,
        CertificateChainPolicy = new X509ChainPolicy
        {
            TrustMode = X509ChainTrustMode.CustomRootTrust,
            CustomTrustStore = { pki.Ca },
            RevocationMode = X509RevocationMode.NoCheck,
        },
    };
}
