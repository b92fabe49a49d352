using Esp32At.Wifi;

namespace Esp32At.CircuitPython
{
    /// <summary>The keyword arguments of the seed's <c>wifi.init(uart, ...)</c>.</summary>
    public sealed class WifiInitOptions
    {
        /// <summary>Soft reset (<c>AT+RST</c>) policy (default <see cref="ResetPolicy.OnFailure"/>).</summary>
        public ResetPolicy Reset { get; set; } = ResetPolicy.OnFailure;

        /// <summary>Hard reset (reset line) policy, used when the transport has a reset line (default never).</summary>
        public ResetPolicy HardReset { get; set; } = ResetPolicy.Never;

        /// <summary>Let the ESP keep settings in flash (<c>AT+SYSSTORE=1</c>). Default false, unlike the seed: nothing persists.</summary>
        public bool PersistSettings { get; set; }

        /// <summary>Seconds between the firmware's reconnect attempts (<c>AT+CWRECONNCFG=&lt;n&gt;,0</c>); -1 leaves it alone. Default 1.</summary>
        public int ReconnectInterval { get; set; } = 1;

        /// <summary>Switch to this baud rate after start-up (0 = keep 115200).</summary>
        public int BaudRate { get; set; }

        /// <summary>RTS/CTS after a baud switch.</summary>
        public bool HardwareFlowControl { get; set; }

        /// <summary>Regulatory domain to set (<c>AT+CWCOUNTRY</c>), or null to keep the ESP's (the seed always wrote one).</summary>
        public CountrySettings Country { get; set; }

        /// <summary>DNS servers (dotted strings, at most 3) to set by hand, or null to keep the automatic ones.</summary>
        public string[] DnsServers { get; set; }

        /// <summary>The seed's <c>pt_policy</c>: sets <see cref="Esp32AtModule.PtPolicy"/> (default <see cref="Esp32AtModule.PT_OFF"/>).</summary>
        public int PtPolicy { get; set; }

        /// <summary>IPv6 on the ESP (<c>Esp32AtOptions.Ipv6</c>, <c>AT+CIPV6=1</c>): <c>AF_INET6</c> sockets, IPv6 in <c>addresses</c>. Default off.</summary>
        public bool Ipv6 { get; set; }

        /// <summary>Timeout of quick commands, ms.</summary>
        public int CommandTimeoutMs { get; set; } = 2000;
    }
}
