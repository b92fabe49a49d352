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
        /// window (5760 bytes); it is allocated on first use.
        /// </summary>
        public int ReadAheadBytes { get; set; } = 5760;
    }
}
