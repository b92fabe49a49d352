using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Esp32At.Emulator.Network;

/// <summary>
/// Real TLS 1.2 (the ESP-AT default, spec §6) on a connected socket, configured from a link's <see cref="TlsClientConfig"/>
/// and the certificates in <see cref="MfgStore"/>; the server side serves <c>server_cert.0</c>/<c>server_key.0</c> and,
/// with CA enabled, requires a client certificate issued by <c>server_ca.0</c>.
/// </summary>
public static class TlsHandshake
{
    /// <summary>ESP-AT gives every handshake packet 10 s (spec §2.3); one bound for the whole handshake here.</summary>
    public const int TimeoutMs = 10_000;

    /// <summary>Runs the client handshake; throws <see cref="AuthenticationException"/> or <see cref="IOException"/> when it fails.</summary>
    public static SslStream Client(Socket socket, string host, TlsClientConfig config, MfgStore mfg, DateTime espUtcNow)
    {
        var stream = new SslStream(new NetworkStream(socket, ownsSocket: false), leaveInnerStreamOpen: false);
        var options = new SslClientAuthenticationOptions
        {
            TargetHost = config.Sni ?? host,
            EnabledSslProtocols = SslProtocols.Tls12,
            CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
        };
        if (config.Alpn.Count > 0) options.ApplicationProtocols = config.Alpn.Select(a => new SslApplicationProtocol(a)).ToList();
        if (config.PresentsCertificate)
        {
            var cert = LoadWithKey(mfg, "client_cert", $"client_cert.{config.PkiNumber}", "client_key", $"client_key.{config.PkiNumber}");
            if (cert is not null) options.ClientCertificates = [cert];
        }
        var ca = config.VerifiesServer ? LoadCertificate(mfg, "client_ca", $"client_ca.{config.CaNumber}") : null;
        string expectedName = config.CommonName ?? config.Sni ?? host;
        options.RemoteCertificateValidationCallback = (_, certificate, chain, _) =>
            !config.VerifiesServer || Verify(certificate, chain, ca, expectedName, espUtcNow);
        Authenticate(socket, stream, () => stream.AuthenticateAsClient(options));
        return stream;
    }

    /// <summary>Runs the server handshake of an accepted SSL-server client.</summary>
    public static SslStream Server(Socket socket, bool requireClientCertificate, MfgStore mfg, DateTime espUtcNow)
    {
        var certificate = LoadWithKey(mfg, "server_cert", "server_cert.0", "server_key", "server_key.0")
            ?? throw new AuthenticationException("no server certificate in mfg_nvs");
        var ca = requireClientCertificate ? LoadCertificate(mfg, "server_ca", "server_ca.0") : null;
        var stream = new SslStream(new NetworkStream(socket, ownsSocket: false), leaveInnerStreamOpen: false);
        var options = new SslServerAuthenticationOptions
        {
            ServerCertificate = certificate,
            EnabledSslProtocols = SslProtocols.Tls12,
            ClientCertificateRequired = requireClientCertificate,
            CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
            RemoteCertificateValidationCallback = (_, cert, chain, _) => !requireClientCertificate || Verify(cert, chain, ca, null, espUtcNow),
        };
        Authenticate(socket, stream, () => stream.AuthenticateAsServer(options));
        return stream;
    }

    /// <summary>
    /// Runs <paramref name="handshake"/> synchronously on the calling (command or accept) thread, bounded by socket
    /// timeouts: the async API would need thread-pool threads for its completions and its timer, and a process whose
    /// pool is busy (a test run, an app embedding the emulator) would then stall the handshake past every timeout.
    /// </summary>
    private static void Authenticate(Socket socket, SslStream stream, Action handshake)
    {
        int receiveTimeout = socket.ReceiveTimeout, sendTimeout = socket.SendTimeout;
        socket.ReceiveTimeout = TimeoutMs;
        socket.SendTimeout = TimeoutMs;
        try
        {
            handshake();
            socket.ReceiveTimeout = receiveTimeout;
            socket.SendTimeout = sendTimeout;
        }
        catch (Exception e) when (e is IOException or System.ComponentModel.Win32Exception or SocketException or ObjectDisposedException)
        {
            stream.Dispose();
            throw new AuthenticationException("TLS handshake failed", e);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The peer's chain must end in <paramref name="ca"/>, be valid at the ESP's clock <paramref name="espUtcNow"/> (1970
    /// before a sync: every certificate is "not yet valid") and, when given, name <paramref name="name"/>.
    /// </summary>
    internal static bool Verify(X509Certificate? certificate, X509Chain? presented, X509Certificate2? ca, string? name, DateTime espUtcNow)
    {
        if (certificate is null || ca is null) return false;
        var leaf = certificate as X509Certificate2 ?? X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = espUtcNow.ToLocalTime();
        chain.ChainPolicy.VerificationTimeIgnored = false;
        if (presented is not null)
            foreach (var element in presented.ChainElements) chain.ChainPolicy.ExtraStore.Add(element.Certificate);
        if (!chain.Build(leaf)) return false;
        return name is null || leaf.MatchesHostname(name);
    }

    internal static X509Certificate2? LoadCertificate(MfgStore mfg, string ns, string key)
    {
        var pem = mfg.Blob(ns, key);
        if (pem is null) return null;
        try { return X509Certificate2.CreateFromPem(Encoding.ASCII.GetString(pem)); }
        catch (System.Security.Cryptography.CryptographicException) { return null; }
    }

    internal static X509Certificate2? LoadWithKey(MfgStore mfg, string certNs, string certKey, string keyNs, string keyKey)
    {
        var certPem = mfg.Blob(certNs, certKey);
        var keyPem = mfg.Blob(keyNs, keyKey);
        if (certPem is null || keyPem is null) return null;
        try
        {
            using var ephemeral = X509Certificate2.CreateFromPem(Encoding.ASCII.GetString(certPem), Encoding.ASCII.GetString(keyPem));
            // SslStream wants a key it can hand to the platform TLS stack; a PKCS#12 round trip gives one everywhere.
            return X509CertificateLoader.LoadPkcs12(ephemeral.Export(X509ContentType.Pkcs12), null);
        }
        catch (System.Security.Cryptography.CryptographicException) { return null; }
    }
}
