namespace Esp32At.Demos.DeviceTests
{
    /// <summary>What the scenarios need to know about the network and the peer machine.</summary>
    public sealed class DeviceTestConfig
    {
        /// <summary>The access point to scan for and join.</summary>
        public string Ssid;

        /// <summary>Its password.</summary>
        public string Password;

        /// <summary>A name the ESP's DNS must resolve.</summary>
        public string ResolveName;

        /// <summary>The peer's name or address (as the ESP reaches it).</summary>
        public string PeerHost;

        /// <summary>The peer's TCP echo port.</summary>
        public int TcpEchoPort;

        /// <summary>The peer's UDP echo port.</summary>
        public int UdpEchoPort;

        /// <summary>The peer's plain HTTP port (serves GET /bytes/N for the throughput test).</summary>
        public int HttpPort;

        /// <summary>The peer's HTTPS port.</summary>
        public int HttpsPort;

        /// <summary>The name in the HTTPS server's certificate.</summary>
        public string TlsServerName;

        /// <summary>The CA that issued it, PEM.</summary>
        public byte[] CaPem;

        /// <summary>The ESP port the server-accept test listens on.</summary>
        public int ServerPort = 8266;

        /// <summary>Bytes for the throughput test.</summary>
        public int ThroughputBytes = 64 * 1024;

        /// <summary>The UART rate the tests run at (0 = stay at the boot rate).</summary>
        public int BaudRate;

        /// <summary>RTS/CTS at that rate.</summary>
        public bool HardwareFlowControl;
    }
}
