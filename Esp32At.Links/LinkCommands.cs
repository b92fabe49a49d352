namespace Esp32At.Links
{
    /// <summary>Every AT command string of the connection table, the server and TLS set-up.</summary>
    internal static class LinkCommands
    {
        public const string Start = "AT+CIPSTART=";
        public const string ReceiveType = "AT+CIPRECVTYPE=";
        public const string Tcp = ",\"TCP\",";
        public const string Udp = ",\"UDP\",";
        public const string Ssl = ",\"SSL\",";
        // AT+CIPV6=1 links (Espressif's TCP/IP AT Commands, AT+CIPSTART: "TCPv6", "UDPv6", "SSLv6").
        public const string Tcp6 = ",\"TCPv6\",";
        public const string Udp6 = ",\"UDPv6\",";
        public const string Ssl6 = ",\"SSLv6\",";
        public const string Send = "AT+CIPSEND=";
        public const string SendLong = "AT+CIPSENDL=";
        public const string ReceiveData = "AT+CIPRECVDATA=";
        public const string ReceiveLengths = "AT+CIPRECVLEN?";
        public const string Close = "AT+CIPCLOSE=";
        public const string ConnectUrc = "#,CONNECT";
        public const string ClosedUrc = "#,CLOSED";
        public const string NoticeUrc = "+IPD,";
        public const string ReceiveLengthsPrefix = "+CIPRECVLEN:";
        public const string Resolve = "AT+CIPDOMAIN=";
        public const string ResolvePrefix = "+CIPDOMAIN:";
        /// <summary>CIPDOMAIN's <c>&lt;ip network&gt;</c> 3: IPv6 addresses only (every release from v2.2).</summary>
        public const string ResolveIpv6Only = ",3";

        // Passthrough (CIPMODE=1): single-connection mode, one link, AT+CIPSEND without length, left with "+++".
        public const string SingleLink = "AT+CIPMUX=0";
        public const string MultipleLinks = "AT+CIPMUX=1";
        public const string PassthroughOn = "AT+CIPMODE=1";
        public const string PassthroughOff = "AT+CIPMODE=0";
        public const string PassthroughQuery = "AT+CIPMODE?";
        public const string PassthroughQueryPrefix = "+CIPMODE:";
        public const string PassthroughStartPrefix = "AT+CIPSTART=";
        public const string PassthroughSend = "AT+CIPSEND";
        public const string PassthroughClose = "AT+CIPCLOSE";

        public const string ServerMaxConnections = "AT+CIPSERVERMAXCONN=";
        public const string ServerStart = "AT+CIPSERVER=1,";
        public const string ServerSslSuffix = ",\"SSL\"";
        /// <summary>CIPSERVER's <c>&lt;CA enable&gt;</c>: clients must present a certificate issued by <c>server_ca.0</c>.</summary>
        public const string ServerVerifyClientsSuffix = ",\"SSL\",1";
        // IPv6 servers (AT+CIPV6=1): the <"type"> "TCPv6" / "SSLv6" (Espressif's TCP/IP AT Commands, AT+CIPSERVER).
        public const string ServerTcp6Suffix = ",\"TCPv6\"";
        public const string ServerSsl6Suffix = ",\"SSLv6\"";
        public const string ServerVerifyClients6Suffix = ",\"SSLv6\",1";
        public const string ServerStop = "AT+CIPSERVER=0";
        public const string ServerStopAll = "AT+CIPSERVER=0,1";
        public const string ServerIdleTimeout = "AT+CIPSTO=";

        public const string TcpOptions = "AT+CIPTCPOPT=";
        public const string LinkStates = "AT+CIPSTATE?";
        public const string LinkStatesPrefix = "+CIPSTATE:";
        public const string LinkStatus = "AT+CIPSTATUS";
        public const string LinkStatusPrefix = "+CIPSTATUS:";

        public const string SslConfig = "AT+CIPSSLCCONF=";
        public const string SslServerName = "AT+CIPSSLCSNI=";
        public const string SslAlpn = "AT+CIPSSLCALPN=";
        public const string ManufacturingWrite = "AT+SYSMFG=2,";
        public const string ManufacturingErase = "AT+SYSMFG=0,";
        public const string MqttCaNamespace = "mqtt_ca";
        public const string MqttCertNamespace = "mqtt_cert";
        public const string MqttKeyNamespace = "mqtt_key";
        public const string CaNamespace = "client_ca";
        public const string CertNamespace = "client_cert";
        public const string KeyNamespace = "client_key";
        // The SSL server's PKI (CIPSERVER "SSL" reads slot 0 of each, spec §6; ESP-AT's mfg_nvs.csv).
        public const string ServerCaNamespace = "server_ca";
        public const string ServerCertNamespace = "server_cert";
        public const string ServerKeyNamespace = "server_key";
        /// <summary>SYSMFG value type 8: binary, sent after the prompt.</summary>
        public const string BinaryType = ",8,";
    }
}
