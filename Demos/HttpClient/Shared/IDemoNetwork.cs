namespace Esp32At.Demos.HttpClient
{
    /// <summary>The network calls the HTTP client demo needs, over one of the library's faces.</summary>
    public interface IDemoNetwork
    {
        /// <summary>Which API this is, for the output (e.g. "CircuitPython socketpool").</summary>
        string Name { get; }

        /// <summary>The IPv4 address of <paramref name="host"/> as the ESP's DNS resolves it, dotted.</summary>
        string Resolve(string host);

        /// <summary>
        /// Opens a connection to <paramref name="host"/>:<paramref name="port"/>; TLS with the server verified against
        /// the demo's CA and <paramref name="tlsServerName"/> when that is not null.
        /// </summary>
        IDemoStream Connect(string host, int port, string tlsServerName);
    }
}
