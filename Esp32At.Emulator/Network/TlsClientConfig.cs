namespace Esp32At.Emulator.Network;

/// <summary>
/// One link's SSL client settings (spec §2.3, §6): CIPSSLCCONF auth mode (0 none, 1 client certificate, 2 verify the
/// server, 3 both) with its PKI and CA numbers, CIPSSLCCN, CIPSSLCSNI, CIPSSLCALPN.
/// </summary>
public sealed class TlsClientConfig
{
    public int AuthMode { get; set; }
    public int PkiNumber { get; set; }
    public int CaNumber { get; set; }
    /// <summary>CIPSSLCCN: the name the server certificate must carry, or null (then the SNI, else the CIPSTART host).</summary>
    public string? CommonName { get; set; }
    /// <summary>CIPSSLCSNI: the server name sent, or null (then the CIPSTART host).</summary>
    public string? Sni { get; set; }
    public IReadOnlyList<string> Alpn { get; set; } = [];

    public bool PresentsCertificate => AuthMode is 1 or 3;
    public bool VerifiesServer => AuthMode is 2 or 3;
}
