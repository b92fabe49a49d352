namespace Esp32At.Device
{
    /// <summary>How <see cref="Esp32AtDevice"/> brings the ESP up.</summary>
    public sealed class Esp32AtOptions
    {
        /// <summary>Pulse the reset line at initialisation when the transport has one (default true).</summary>
        public bool HardResetOnInit { get; set; } = true;

        /// <summary>Let the ESP write settings to flash (<c>AT+SYSSTORE=1</c>). Default false: nothing is persisted.</summary>
        public bool PersistSettings { get; set; }

        /// <summary>Switch the line to this baud rate after start-up (0 = keep the current one).</summary>
        public int BaudRate { get; set; }

        /// <summary>Use RTS/CTS flow control after a baud switch (recommended above 115200).</summary>
        public bool HardwareFlowControl { get; set; }

        /// <summary>How long to wait for <c>ready</c> after a reset, in ms.</summary>
        public int ReadyTimeoutMs { get; set; } = 5000;

        /// <summary>Timeout of quick set-up commands, in ms.</summary>
        public int CommandTimeoutMs { get; set; } = 2000;

        /// <summary>Size of the receive ring buffer, in bytes.</summary>
        public int RingBufferSize { get; set; } = 8192;

        /// <summary>
        /// Size of the one read-ahead buffer the connection table shares between its TCP/TLS links, in bytes (0 = none).
        /// A read smaller than what the ESP holds fetches up to this much in one <c>AT+CIPRECVDATA</c> and serves the
        /// following small reads from it, so they stop paying one UART round trip each. The default is one ESP receive
        /// window (<see cref="ReceiveWindowBytes"/>); it is allocated when the first passive TCP/TLS link opens (never
        /// inside a read).
        /// </summary>
        public int ReadAheadBytes { get; set; } = ReceiveWindowBytes;

        /// <summary>
        /// ESP-AT's TCP receive window (lwIP's CONFIG_LWIP_TCP_WND_DEFAULT), 5760 bytes: the most one link holds in passive
        /// mode, and the most one <c>AT+CIPRECVDATA</c> is asked for.
        /// </summary>
        public const int ReceiveWindowBytes = 5760;

        /// <summary>
        /// Receive TCP and TLS links actively (default false): the ESP pushes <c>+IPD,&lt;id&gt;,&lt;len&gt;:&lt;data&gt;</c>
        /// frames as data arrives, with no <c>AT+CIPRECVDATA</c> round trip per read, into a per-link buffer of
        /// <see cref="ActiveReceiveBufferBytes"/>. <b>Requires RTS/CTS</b> (<see cref="HardwareFlowControl"/> and the
        /// wires): when the application reads slower than the line, the pump stops reading the UART once the link's
        /// buffer is full, and only the flow control then holds the ESP; without it the UART driver's buffer overflows
        /// and bytes are lost. On v3.3+ the mode is per link (<c>AT+CIPRECVTYPE=&lt;id&gt;,0</c> before each CIPSTART);
        /// v2.2 has only the global <c>AT+CIPRECVMODE=0</c>, so there every link is active, UDP and accepted server
        /// clients included. While a link's buffer is full, commands on any link wait until it is read. On TinyCLR the
        /// native UART driver keeps draining the line into its read buffer even when that is full, so there a reader may
        /// fall behind by at most this buffer + the ring + the UART read buffer (docs/performance.md, "Active receive").
        /// </summary>
        public bool ActiveTcpReceive { get; set; }

        /// <summary>
        /// Per-link receive buffer of active receive, in bytes (default 8192, at least one 2920-byte frame); allocated
        /// when a link id first receives actively and kept for the id.
        /// </summary>
        public int ActiveReceiveBufferBytes { get; set; } = 8192;

        /// <summary>
        /// Turns the ESP's IPv6 network on (default false: nothing changes for IPv4 users): <c>AT+CIPV6=1</c> at every
        /// initialisation (also after a reboot), before the station joins, so it gets a link-local and, where the access
        /// point offers a prefix, a global address. Then <c>TCPv6</c>/<c>UDPv6</c>/<c>SSLv6</c> links, IPv6 name
        /// look-ups and IPv6 senders in <c>+IPD</c>/<c>+CIPRECVDATA</c> work (Espressif: "enable IPv6 network before
        /// using IPv6 related upper layer AT commands"; every release from v2.2 has the command).
        /// </summary>
        public bool Ipv6 { get; set; }
    }
}
