using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Esp32At.Emulator.Network;

/// <summary>
/// Stand-ins for the certificates a stock ESP-AT image carries in mfg_nvs (spec §6: Espressif test roots,
/// <c>CN=ESP Root CA S1</c>, valid 2019-2029, and test client/server credentials). Generated once per process with
/// fresh keys, so, like the real ones, they are present (CIPSSLCCONF accepts them) but verify nothing a test server
/// presents.
/// </summary>
public sealed class FactoryPki
{
    private static readonly Lazy<FactoryPki> instance = new(() => new FactoryPki());

    public static FactoryPki Instance => instance.Value;

    public byte[] CaPem { get; }
    public byte[] ClientCertPem { get; }
    public byte[] ClientKeyPem { get; }
    public byte[] ServerCertPem { get; }
    public byte[] ServerKeyPem { get; }

    private FactoryPki()
    {
        var from = new DateTimeOffset(2019, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var to = new DateTimeOffset(2029, 12, 31, 0, 0, 0, TimeSpan.Zero);
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=ESP Root CA S1, O=Espressif", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        using var ca = caRequest.CreateSelfSigned(from, to);
        CaPem = Pem(ca.ExportCertificatePem());
        (ClientCertPem, ClientKeyPem) = Issue(ca, caKey, "CN=ESP32, O=Espressif", from, to);
        (ServerCertPem, ServerKeyPem) = Issue(ca, caKey, "CN=espressif.local, O=Espressif", from, to);
    }

    private static (byte[], byte[]) Issue(X509Certificate2 ca, ECDsa caKey, string subject, DateTimeOffset from, DateTimeOffset to)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        using var cert = request.Create(ca.SubjectName, X509SignatureGenerator.CreateForECDsa(caKey), from, to, RandomNumberGenerator.GetBytes(8));
        return (Pem(cert.ExportCertificatePem()), Pem(key.ExportPkcs8PrivateKeyPem()));
    }

    private static byte[] Pem(string text) => Encoding.ASCII.GetBytes(text + "\n");
}
