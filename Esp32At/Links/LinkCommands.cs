namespace Esp32At.Links
{
    /// <summary>Every AT command string of the connection table.</summary>
    internal static class LinkCommands
    {
        public const string Start = "AT+CIPSTART=";
        public const string Tcp = ",\"TCP\",";
        public const string Send = "AT+CIPSEND=";
        public const string ReceiveData = "AT+CIPRECVDATA=";
        public const string ReceiveLengths = "AT+CIPRECVLEN?";
        public const string Close = "AT+CIPCLOSE=";
        public const string ConnectUrc = "#,CONNECT";
        public const string ClosedUrc = "#,CLOSED";
        public const string NoticeUrc = "+IPD,";
        public const string ReceiveLengthsPrefix = "+CIPRECVLEN:";
        public const string Resolve = "AT+CIPDOMAIN=";
        public const string ResolvePrefix = "+CIPDOMAIN:";
    }
}
