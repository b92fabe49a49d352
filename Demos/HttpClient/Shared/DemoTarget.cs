namespace Esp32At.Demos.HttpClient
{
    /// <summary>The servers the client demo talks to (the host's local test servers, reached through the ESP).</summary>
    public sealed class DemoTarget
    {
        /// <summary>The name or address the ESP connects to.</summary>
        public string Host;

        /// <summary>A name the ESP's DNS resolves in the DNS step.</summary>
        public string ResolveName;

        /// <summary>The plain HTTP port.</summary>
        public int HttpPort;

        /// <summary>The HTTPS port.</summary>
        public int HttpsPort;

        /// <summary>The name the HTTPS server's certificate carries (sent as SNI and verified).</summary>
        public string TlsServerName;

        /// <summary>Size of the large download.</summary>
        public int DownloadBytes = 256 * 1024;
    }
}
