namespace Esp32At.Links
{
    /// <summary>The transport of an ESP-AT link.</summary>
    public enum LinkKind
    {
        /// <summary>A TCP stream.</summary>
        Tcp = 0,
        /// <summary>UDP datagrams.</summary>
        Udp = 1,
        /// <summary>TLS over TCP, terminated on the ESP.</summary>
        Ssl = 2,
    }
}
