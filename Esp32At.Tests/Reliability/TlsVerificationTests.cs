using System.Security.Cryptography.X509Certificates;
using System.Text;
using Esp32At.Engine;
using Esp32At.Links;
using Esp32At.Tests.EmulatorNet;

namespace Esp32At.Tests.Reliability;

/// <summary>
/// TLS through the connection table: the server is verified by default, and a wrong host name, a self-signed or
/// expired certificate or an unknown CA is refused with a clear error in bounded time, leaving the id free. Opting
/// out is explicit (and should be said once in the trace).
/// </summary>
public sealed class TlsVerificationTests
{
    [Fact]
    public void VerificationIsOnByDefault_AndNeedsACa()
    {
        Assert.True(new TlsSettings().VerifyServer);
        using var f = new FaultFixture();
        var e = Assert.Throws<InvalidOperationException>(() => f.Links.OpenSsl("127.0.0.1", 443, new TlsSettings()));
        Assert.Contains("VerifyServer = false", e.Message);
        Assert.Equal(0, f.Count("AT+CIPSTART="));
    }

    [Fact]
    public void AGoodCertificate_Connects_AndCarriesData()
    {
        using var f = Fixture();
        using var server = new CertificateTlsServer(TlsTestPki.Good);
        int id = f.Links.OpenSsl("127.0.0.1", server.Port, new TlsSettings { ServerName = TestCertificates.ServerName });
        var data = "verified"u8.ToArray();
        f.Links.Send(id, data, 0, data.Length);
        Assert.Equal(data, f.ReadAll(id, data.Length));
        Assert.Contains("AT+CIPSSLCCONF=" + id + ",2,", f.Wire.Written);
    }

    public static TheoryData<string> BadCertificates => ["expired", "wrong name", "self-signed", "unknown CA"];

    [Theory]
    [MemberData(nameof(BadCertificates))]
    public void ABadCertificate_IsRefusedClearly_InBoundedTime_AndTheIdIsFree(string kind)
    {
        using var f = Fixture();
        using var server = new CertificateTlsServer(Certificate(kind));
        var (error, elapsed) = FaultFixture.TimedThrows<AtCommandException>(() =>
            f.Links.OpenSsl("127.0.0.1", server.Port, new TlsSettings { ServerName = TestCertificates.ServerName }, 5000));
        Assert.IsNotType<AtTimeoutException>(error);
        Assert.True(elapsed < TimeSpan.FromSeconds(7), $"took {elapsed}");
        // (The server's side of a TLS 1.2 handshake may complete before the client rejects the chain: no check there.)
        Assert.Equal(LinkState.Free, f.Links.StateOf(0));
    }

    [Fact]
    public void OptingOut_IsExplicit_ConnectsToASelfSignedServer_AndIsTracedOnce()
    {
        using var f = Fixture();
        for (int i = 0; i < 2; i++)
        {
            using var server = new CertificateTlsServer(TlsTestPki.SelfSignedServer);
            int id = f.Links.OpenSsl("127.0.0.1", server.Port, new TlsSettings { VerifyServer = false });
            Assert.Contains("AT+CIPSSLCCONF=" + id + ",0,", f.Wire.Written);
            f.Links.Close(id);
        }
        Assert.Single(f.Trace.Lines, l => l.StartsWith("--") && l.Contains("verification", StringComparison.OrdinalIgnoreCase));
    }

    private static FaultFixture Fixture()
    {
        var f = new FaultFixture();
        f.Links.Certificates.LoadCa(Encoding.ASCII.GetBytes(TestCertificates.Shared.CaPem));
        return f;
    }

    private static X509Certificate2 Certificate(string kind) => kind switch
    {
        "expired" => TlsTestPki.Expired,
        "wrong name" => TlsTestPki.OtherName,
        "self-signed" => TlsTestPki.SelfSignedServer,
        _ => TlsTestPki.UnknownCa,
    };
}
