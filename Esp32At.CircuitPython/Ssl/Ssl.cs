namespace Esp32At.CircuitPython
{
    /// <summary>
    /// The <c>ssl</c> module. TLS runs on the ESP (<c>CIPSTART "SSL"</c>); a context decides how the ESP verifies the
    /// server and provisions the certificates it needs (<c>AT+SYSMFG</c>).
    /// </summary>
    public static class Ssl
    {
        /// <summary>No verification of the peer (an explicit opt-out, noted once in the AT trace).</summary>
        public const int CERT_NONE = 0;
        /// <summary>Treated as <see cref="CERT_REQUIRED"/>: the ESP either verifies or does not.</summary>
        public const int CERT_OPTIONAL = 1;
        /// <summary>The server's certificate must chain to the context's CA (the default).</summary>
        public const int CERT_REQUIRED = 2;

        /// <summary>
        /// <c>ssl.create_default_context()</c>: verification on (<see cref="SslContext.CheckHostname"/> true,
        /// <see cref="SslContext.VerifyMode"/> <see cref="CERT_REQUIRED"/>); give it a CA with
        /// <see cref="SslContext.LoadVerifyLocations(string)"/> or <see cref="SslContext.SetDefaultVerifyPaths"/>.
        /// </summary>
        public static SslContext CreateDefaultContext()
        {
            return new SslContext();
        }
    }
}
