using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Esp32At.CircuitPython;
using Esp32At.Links;
using Esp32At.Tests.EmulatorNet;

namespace Esp32At.Tests.CircuitPython;

/// <summary>
/// The TLS server with run-time PKI (issue 19): <c>load_cert_chain</c> on a server-side context goes to the ESP's
/// <c>server_cert.0</c>/<c>server_key.0</c>, a CA to <c>server_ca.0</c> with CIPSERVER's CA enable; .NET's SslStream
/// connects to the emulator's real TLS port and checks what it is served.
/// </summary>
public sealed class SslServerPkiTests : IDisposable
{
    private readonly SocketPoolFixture f = new();
    private readonly TestCertificates pki = TestCertificates.Shared;

    public void Dispose() => f.Dispose();

    [Fact]
    public async Task LoadCertChain_OnTheServerSide_IsProvisionedAndServed_WithItsChain()
    {
        var ctx = Ssl.CreateDefaultContext();
        ctx.LoadCertChain(pki.ServerPem, pki.ServerKeyPem);
        using var server = Listen(ctx, 4443);
        int len = Encoding.UTF8.GetByteCount(pki.ServerPem), keyLen = Encoding.UTF8.GetByteCount(pki.ServerKeyPem);
        Assert.Equal(
        [
            $">> AT+SYSMFG=2,\"server_cert\",\"server_cert.0\",8,{len}",
            $">> AT+SYSMFG=2,\"server_key\",\"server_key.0\",8,{keyLen}",
            ">> AT+CIPSERVER=1,4443,\"SSL\"",
        ], f.Trace.Lines.Where(l => l.StartsWith(">> AT+SYSMFG") || l.StartsWith(">> AT+CIPSERVER=")));
        Assert.Equal(Encoding.UTF8.GetBytes(pki.ServerPem), f.Emulator.Mfg.Blob("server_cert", "server_cert.0"));
        Assert.Equal(Encoding.UTF8.GetBytes(pki.ServerKeyPem), f.Emulator.Mfg.Blob("server_key", "server_key.0"));

        using var client = Connect(4443);
        using var tls = new SslStream(client.GetStream());
        var handshake = tls.AuthenticateAsClientAsync(ClientOptions(null));
        using var accepted = server.Accept();
        Assert.True(await handshake.Within(10_000));
        Assert.Equal(pki.Server.Thumbprint, new X509Certificate2(tls.RemoteCertificate!).Thumbprint); // the loaded one, not the factory's
        tls.Write("over tls"u8);
        tls.Flush();
        accepted.SetTimeout(5);
        Assert.Equal("over tls"u8.ToArray(), SocketPoolFixture.ReadAll(accepted, 8));
    }

    [Fact]
    public async Task ACaOnTheServerSide_VerifiesClients_AndRefusesOneWithoutACertificate()
    {
        SetEspClock(); // the ESP checks the client certificate's dates
        var ctx = Ssl.CreateDefaultContext();
        ctx.LoadCertChain(pki.ServerPem, pki.ServerKeyPem);
        ctx.LoadVerifyLocations(pki.CaPem);
        using var server = Listen(ctx, 4444);
        Assert.Equal($">> AT+SYSMFG=2,\"server_ca\",\"server_ca.0\",8,{Encoding.UTF8.GetByteCount(pki.CaPem)}",
            f.Trace.Lines.Single(l => l.StartsWith(">> AT+SYSMFG=2,\"server_ca\"")));
        Assert.Equal(">> AT+CIPSERVER=1,4444,\"SSL\",1", f.Trace.Lines.Single(l => l.StartsWith(">> AT+CIPSERVER=1")));
        Assert.Equal(Encoding.UTF8.GetBytes(pki.CaPem), f.Emulator.Mfg.Blob("server_ca", "server_ca.0"));

        using (var anonymous = Connect(4444))
        using (var tls = new SslStream(anonymous.GetStream()))
        {
            // TLS 1.2: the client only learns of the refusal when it reads the server's alert (or the close).
            Assert.ThrowsAny<Exception>(() =>
            {
                tls.AuthenticateAsClient(ClientOptions(null));
                tls.ReadExactly(new byte[1]);
            });
        }
        server.SetTimeout(0.5);
        Assert.Equal(Errno.ETIMEDOUT, Assert.Throws<OSError>(() => server.Accept()).Errno); // never announced

        using var client = Connect(4444);
        using var mutual = new SslStream(client.GetStream());
        var handshake = mutual.AuthenticateAsClientAsync(ClientOptions(pki.Client));
        server.SetTimeout(10);
        using var accepted = server.Accept();
        Assert.True(await handshake.Within(10_000));
        mutual.Write("mtls"u8);
        mutual.Flush();
        accepted.SetTimeout(5);
        Assert.Equal("mtls"u8.ToArray(), SocketPoolFixture.ReadAll(accepted, 4));
    }

    [Fact]
    public void ListeningAgainWithTheSamePki_WritesNoFlash()
    {
        var ctx = Ssl.CreateDefaultContext();
        ctx.LoadCertChain(pki.ServerPem, pki.ServerKeyPem);
        Listen(ctx, 4445).Close();
        Listen(ctx, 4445).Close();
        Assert.Equal(2, f.Trace.Lines.Count(l => l.StartsWith(">> AT+SYSMFG")));
        Assert.Equal(2, f.Trace.Lines.Count(l => l.StartsWith(">> AT+CIPSERVER=1,4445,\"SSL\"")));
    }

    [Fact]
    public void CertNone_OnTheServerSide_AsksNoClientCertificate_EvenWithACa()
    {
        var ctx = Ssl.CreateDefaultContext();
        ctx.LoadVerifyLocations(pki.CaPem);
        ctx.CheckHostname = false;
        ctx.VerifyMode = Ssl.CERT_NONE;
        using var server = Listen(ctx, 4446);
        Assert.Equal(">> AT+CIPSERVER=1,4446,\"SSL\"", f.Trace.Lines.Single(l => l.StartsWith(">> AT+CIPSERVER=1")));
        Assert.DoesNotContain(f.Trace.Lines, l => l.StartsWith(">> AT+SYSMFG"));
    }

    [Fact]
    public void VerifyingClientsOfAPlainServer_IsRefusedBeforeAnythingIsSent()
    {
        var server = new LinkServer(f.Pool.Links);
        int before = f.Trace.Lines.Length;
        var e = Assert.Throws<ArgumentException>(() => server.Start(4447, 5, ssl: false, verifyClients: true));
        Assert.Contains("ssl", e.Message);
        Assert.Equal(before, f.Trace.Lines.Length);
    }

    [Fact]
    public void ABadServerKey_IsRefusedBeforeTheCertificateIsWritten()
    {
        var store = f.Pool.Links.Certificates;
        int before = f.Trace.Lines.Length;
        Assert.Throws<ArgumentException>(() => store.LoadServerCertificate(Encoding.UTF8.GetBytes(pki.ServerPem), []));
        Assert.Equal(before, f.Trace.Lines.Length);
        Assert.False(store.HasServerCertificate);
    }

    private SslSocket Listen(SslContext ctx, int port)
    {
        var plain = f.Tcp();
        plain.Bind("0.0.0.0", port);
        var server = ctx.WrapSocket(plain, serverSide: true);
        server.Listen(5);
        server.SetTimeout(10);
        return server;
    }

    private TcpClient Connect(int port)
    {
        var client = new TcpClient();
        client.Connect(f.Emulator.Links.Ports.TcpServer(port)!);
        return client;
    }

    private SslClientAuthenticationOptions ClientOptions(X509Certificate2? certificate) => new()
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

    private void SetEspClock() => f.Device.Executor.Execute("AT+SYSTIMESTAMP=" + DateTimeOffset.UtcNow.ToUnixTimeSeconds(), 2000);
}
