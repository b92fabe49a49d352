using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Esp32At.Tests.EmulatorNet;

/// <summary>
/// A throwaway PKI made at run time (no key files in the repository): a CA, a server certificate for
/// <see cref="ServerName"/> and 127.0.0.1 issued by it, and a client certificate; everything also as PEM, the way
/// AT+SYSMFG receives it. ECDSA P-256 keeps generation fast.
/// </summary>
public sealed class TestCertificates
{
    public const string ServerName = "esp-test.local";

    private static readonly Lazy<TestCertificates> shared = new(() => new TestCertificates("Esp32At Test CA"));

    /// <summary>One PKI per test run.</summary>
    public static TestCertificates Shared => shared.Value;

    public TestCertificates(string caName)
    {
        var from = DateTimeOffset.UtcNow.AddDays(-1);
        var to = DateTimeOffset.UtcNow.AddDays(30);
        var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest($"CN={caName}", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        Ca = caRequest.CreateSelfSigned(from, to);
        CaPem = Ca.ExportCertificatePem() + "\n";

        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(ServerName);
        names.AddIpAddress(IPAddress.Loopback);
        (Server, ServerPem, ServerKeyPem) = Issue(caKey, $"CN={ServerName}", names.Build(), serverAuth: true, from, to);
        (Client, ClientPem, ClientKeyPem) = Issue(caKey, "CN=esp32-client", null, serverAuth: false, from, to);
    }

    public X509Certificate2 Ca { get; }
    public string CaPem { get; }
    /// <summary>With its private key, usable by SslStream.</summary>
    public X509Certificate2 Server { get; }
    public string ServerPem { get; }
    public string ServerKeyPem { get; }
    /// <summary>With its private key.</summary>
    public X509Certificate2 Client { get; }
    public string ClientPem { get; }
    public string ClientKeyPem { get; }

    private (X509Certificate2, string, string) Issue(ECDsa caKey, string subject, X509Extension? names, bool serverAuth, DateTimeOffset from, DateTimeOffset to)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        if (names is not null) request.CertificateExtensions.Add(names);
        var usage = new OidCollection { new Oid(serverAuth ? "1.3.6.1.5.5.7.3.1" : "1.3.6.1.5.5.7.3.2") };
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(usage, false));
        using var cert = request.Create(Ca.SubjectName, X509SignatureGenerator.CreateForECDsa(caKey), from, to, RandomNumberGenerator.GetBytes(8));
        using var withKey = cert.CopyWithPrivateKey(key);
        var loaded = X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
        return (loaded, cert.ExportCertificatePem() + "\n", key.ExportPkcs8PrivateKeyPem() + "\n");
    }
}
