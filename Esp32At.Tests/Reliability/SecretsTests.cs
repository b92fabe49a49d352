using System.Text;
using Esp32At.Engine;
using Esp32At.Links;
using Esp32At.Tests.EmulatorNet;
using Esp32At.Wifi;
using AccessPoint = Esp32At.Emulator.Radio.AccessPoint;

namespace Esp32At.Tests.Reliability;

/// <summary>
/// Wi-Fi passwords, soft-AP passwords, PSKs and private keys never show in the trace, in exception messages or in
/// <c>ToString()</c>: a whole session (join, failed join, soft-AP, client certificate, PSK, reboot and restore) is
/// traced and everything it produced is scanned.
/// </summary>
public sealed class SecretsTests
{
    private const string WifiPassword = "Sup3r-Secret-Passw0rd";
    private const string WrongPassword = "Wr0ng-But-Still-Secret";
    private const string SoftApPassword = "Ap-Secret-9876543";
    private const string Psk = "5ec7e75ec7e75ec7e7";

    [Fact]
    public void AFullSession_LeaksNoSecret_IntoTracesExceptionsOrToString()
    {
        var pki = TestCertificates.Shared;
        var keyBody = pki.ClientKeyPem.Split('\n')[1]; // a line of the private key's base64
        using var f = new FaultFixture(join: false, configure: o => o with { AccessPoints = [new AccessPoint("Home", WifiPassword)] });
        var texts = new List<string>();
        void Capture(Action action)
        {
            var e = Record.Exception(action);
            if (e is not null) texts.Add(e.ToString());
        }

        f.Wifi.SetMode(WifiMode.StationAndSoftAp);
        Capture(() => f.Wifi.Join("Home", WrongPassword, null, 0));
        f.Wifi.Join("Home", WifiPassword, null, 0);
        var softAp = new SoftApSettings("Esp-Reliab", SoftApPassword, 6, WifiAuthMode.Wpa2Psk, 4, false);
        f.Wifi.StartSoftAp(softAp);
        texts.Add(f.Wifi.QuerySoftAp().ToString()!);
        texts.Add(softAp.ToString()!);
        f.Links.Certificates.LoadClientCertificate(Encoding.ASCII.GetBytes(pki.ClientPem), Encoding.ASCII.GetBytes(pki.ClientKeyPem));
        var tls = new TlsSettings { UseClientCertificate = true, VerifyServer = false };
        texts.Add(tls.ToString()!);
        texts.Add(f.Links.Certificates.ToString()!);
        Capture(() => f.Device.Executor.Execute("AT+CIPSSLCPSK=0,\"client-id\",\"" + Psk + "\"", 2000));
        Capture(() => f.Device.Executor.Execute("AT+CWJAP=\"Home\",\"" + WifiPassword + "\",\"zz\"", 5000, resendOnBusy: false));
        Capture(() => f.Device.Executor.Execute("AT+CWSAP?", 2000));

        f.Emulator.Faults.Reboot();
        Assert.True(f.Device.WaitForRecovery(10_000));
        Assert.True(f.Wifi.WaitForState(StationState.GotIp, 5000)); // the restore re-joined with the password
        texts.Add(f.Wifi.ToString()!);
        texts.Add(f.Device.ToString()!);

        var trace = f.Trace.All;
        Assert.Contains(">> AT+CWJAP=\"Home\",***", trace); // the session really traced the secret commands
        Assert.Contains(">> AT+CWSAP=\"Esp-Reliab\",***", trace);
        Assert.Contains("data bytes>", trace);
        foreach (var secret in new[] { WifiPassword, WrongPassword, SoftApPassword, Psk, keyBody })
        {
            Assert.DoesNotContain(secret, trace);
            Assert.All(texts, t => Assert.DoesNotContain(secret, t));
        }
    }

    [Theory]
    [InlineData("AT+CWJAP=\"a\\\"b,c\",\"pa\\,ss\\\"word\"", "pa")]
    [InlineData("AT+CWJEAP=\"ssid\",1,\"identity\",\"user\",\"eap-password\",0", "eap-password")]
    [InlineData("+CWSAP:\"ap\",\"ap-password\",1,3,4,0", "ap-password")]
    [InlineData("AT+CIPSSLCPSK=0,\"id\",\"psk-hex\"", "psk-hex")]
    public void TheRedactor_HidesEverythingAfterTheFirstArgument_EvenWithEscapes(string line, string secret)
    {
        var redacted = AtRedactor.Redact(line);
        Assert.DoesNotContain(secret, redacted);
        Assert.EndsWith("***", redacted);
    }
}
