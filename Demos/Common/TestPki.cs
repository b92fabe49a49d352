using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Esp32At.Demos.Common;

/// <summary>
/// A throwaway certificate authority made when the demo starts (no key ever touches the disk or the repository) and a
/// server certificate it issued for the demo's host names and addresses. The CA's PEM is what gets loaded onto the
/// ESP, so the HTTPS step verifies the server for real. ECDSA P-256 keeps generation fast.
/// </summary>
public sealed class TestPki
{
    /// <summary>A CA and a server certificate for <paramref name="dnsNames"/> and <paramref name="addresses"/>.</summary>
    public TestPki(IEnumerable<string> dnsNames, IEnumerable<IPAddress> addresses)
    {
        var from = DateTimeOffset.UtcNow.AddDays(-1);
        var to = DateTimeOffset.UtcNow.AddDays(7);
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=Esp32At Demo CA (generated at run time)", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        using var ca = caRequest.CreateSelfSigned(from, to);
        CaPem = ca.ExportCertificatePem() + "\n";

        var names = new SubjectAlternativeNameBuilder();
        foreach (var name in dnsNames) names.AddDnsName(name);
        foreach (var address in addresses) names.AddIpAddress(address);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=" + dnsNames.First(), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var issued = request.Create(ca.SubjectName, X509SignatureGenerator.CreateForECDsa(caKey), from, to, RandomNumberGenerator.GetBytes(8));
        ServerCertificatePem = issued.ExportCertificatePem() + "\n";
        ServerKeyPem = key.ExportPkcs8PrivateKeyPem() + "\n";
        using var withKey = issued.CopyWithPrivateKey(key);
        // A PKCS#12 round trip gives a key SslStream can hand to the platform's TLS stack on every OS.
        ServerCertificate = X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
    }

    /// <summary>The CA certificate, PEM (what <c>AT+SYSMFG</c> stores as <c>client_ca.0</c>).</summary>
    public string CaPem { get; }

    /// <summary>The server certificate, PEM (what a TLS server on the ESP stores as <c>server_cert.0</c>).</summary>
    public string ServerCertificatePem { get; }

    /// <summary>Its private key, PKCS#8 PEM (<c>server_key.0</c>); it lives only in this process and on the ESP.</summary>
    public string ServerKeyPem { get; }

    /// <summary>The server certificate with its private key.</summary>
    public X509Certificate2 ServerCertificate { get; }
}
