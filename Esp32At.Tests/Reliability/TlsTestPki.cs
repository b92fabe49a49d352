using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Esp32At.Tests.EmulatorNet;

namespace Esp32At.Tests.Reliability;

/// <summary>
/// Bad server certificates for the TLS tests, made at run time: issued by the shared test CA but expired or for
/// another name, self-signed, or issued by a CA the ESP does not know.
/// </summary>
public static class TlsTestPki
{
    private static readonly Lazy<X509Certificate2> expired = new(() => IssueByTestCa(TestCertificates.ServerName, -30, -1));
    private static readonly Lazy<X509Certificate2> otherName = new(() => IssueByTestCa("someone-else.example", -1, 30));
    private static readonly Lazy<X509Certificate2> selfSigned = new(() => SelfSigned(TestCertificates.ServerName));
    private static readonly Lazy<X509Certificate2> unknownCa = new(() => new TestCertificates("Unknown CA").Server);

    public static X509Certificate2 Expired => expired.Value;
    public static X509Certificate2 OtherName => otherName.Value;
    public static X509Certificate2 SelfSignedServer => selfSigned.Value;
    public static X509Certificate2 UnknownCa => unknownCa.Value;
    public static X509Certificate2 Good => TestCertificates.Shared.Server;

    private static X509Certificate2 IssueByTestCa(string name, int fromDays, int toDays)
    {
        var ca = TestCertificates.Shared.Ca;
        using var caKey = ca.GetECDsaPrivateKey()!;
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = Request(name, key);
        var now = DateTimeOffset.UtcNow;
        using var cert = request.Create(ca.SubjectName, X509SignatureGenerator.CreateForECDsa(caKey), now.AddDays(fromDays), now.AddDays(toDays), RandomNumberGenerator.GetBytes(8));
        using var withKey = cert.CopyWithPrivateKey(key);
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
    }

    private static X509Certificate2 SelfSigned(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var cert = Request(name, key).CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        return X509CertificateLoader.LoadPkcs12(cert.Export(X509ContentType.Pkcs12), null);
    }

    private static CertificateRequest Request(string name, ECDsa key)
    {
        var request = new CertificateRequest("CN=" + name, key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(name);
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        return request;
    }
}
