namespace Esp32At.Links
{
    /// <summary>
    /// How an SSL link authenticates (spec §6). The server certificate is verified by default: a CA must be loaded
    /// (<see cref="CertificateStore.LoadCa"/>) or declared present in the firmware (<see cref="TrustFirmwareCa"/>);
    /// switching verification off is an explicit choice.
    /// </summary>
    public sealed class TlsSettings
    {
        /// <summary>Verify the server's certificate chain and name (default true).</summary>
        public bool VerifyServer = true;

        /// <summary>The CA slot (<c>client_ca.N</c>) to verify against.</summary>
        public int CaSlot;

        /// <summary>Trust a CA flashed at build time into <see cref="CaSlot"/> even if none was loaded in this session.</summary>
        public bool TrustFirmwareCa;

        /// <summary>Present the client certificate in <see cref="ClientCertificateSlot"/> (mutual TLS).</summary>
        public bool UseClientCertificate;

        /// <summary>The client certificate/key slot (<c>client_cert.N</c>, <c>client_key.N</c>).</summary>
        public int ClientCertificateSlot;

        /// <summary>The name sent as SNI and checked against the certificate; null = the host given to connect.</summary>
        public string ServerName;

        /// <summary>ALPN protocol names to offer (at most 5), or null.</summary>
        public string[] Alpn;

        /// <summary>The CIPSSLCCONF auth mode: bit 0 = client certificate, bit 1 = verify the server.</summary>
        public int AuthMode
        {
            get { return (UseClientCertificate ? 1 : 0) | (VerifyServer ? 2 : 0); }
        }
    }
}
