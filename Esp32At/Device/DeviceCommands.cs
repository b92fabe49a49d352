namespace Esp32At.Device
{
    /// <summary>Every AT command string of the device layer (initialisation, identity, UART).</summary>
    internal static class DeviceCommands
    {
        public const string Attention = "AT";
        public const string EchoOff = "ATE0";
        public const string Version = "AT+GMR";
        public const string CommandList = "AT+CMD?";
        public const string StoreOff = "AT+SYSSTORE=0";
        public const string StoreOn = "AT+SYSSTORE=1";
        public const string MultipleLinks = "AT+CIPMUX=1";
        public const string PassiveReceiveAllLinks = "AT+CIPRECVTYPE=5,1";
        public const string PassiveReceiveGlobal = "AT+CIPRECVMODE=1";
        public const string ActiveReceiveGlobal = "AT+CIPRECVMODE=0";
        public const string RemoteInfoOn = "AT+CIPDINFO=1";
        public const string Ipv6On = "AT+CIPV6=1";
        public const string UartCurrent = "AT+UART_CUR=";
        public const string EscapePassthrough = "+++";
    }
}
