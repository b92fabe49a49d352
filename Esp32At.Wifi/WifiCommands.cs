namespace Esp32At.Wifi
{
    /// <summary>Every AT command string of the Wi-Fi service (spec §2.2, §2.3 PING/SNTP/MDNS/CIPSTA/CIPDNS, §3 URCs).</summary>
    internal static class WifiCommands
    {
        // Radio and mode
        public const string Init = "AT+CWINIT=";
        public const string InitQuery = "AT+CWINIT?";
        public const string InitPrefix = "+CWINIT:";
        public const string Mode = "AT+CWMODE=";
        public const string ModeQuery = "AT+CWMODE?";
        public const string ModePrefix = "+CWMODE:";

        // Station
        public const string Join = "AT+CWJAP=";
        public const string JoinQuery = "AT+CWJAP?";
        public const string JoinPrefix = "+CWJAP:";
        public const string Leave = "AT+CWQAP";
        public const string StateQuery = "AT+CWSTATE?";
        public const string StatePrefix = "+CWSTATE:";
        public const string ReconnectConfig = "AT+CWRECONNCFG=";

        // Scan
        public const string Scan = "AT+CWLAP";
        public const string ScanWith = "AT+CWLAP=";
        public const string ScanPrefix = "+CWLAP:";
        public const string ScanOptions = "AT+CWLAPOPT=";

        // Soft-AP
        public const string SoftAp = "AT+CWSAP=";
        public const string SoftApQuery = "AT+CWSAP?";
        public const string SoftApPrefix = "+CWSAP:";
        public const string StationList = "AT+CWLIF";
        public const string StationListPrefix = "+CWLIF:";
        public const string Dhcp = "AT+CWDHCP=";
        public const string DhcpQuery = "AT+CWDHCP?";
        public const string DhcpPrefix = "+CWDHCP:";

        // Identity and radio settings
        public const string Hostname = "AT+CWHOSTNAME=";
        public const string HostnameQuery = "AT+CWHOSTNAME?";
        public const string HostnamePrefix = "+CWHOSTNAME:";
        public const string Country = "AT+CWCOUNTRY=";
        public const string CountryQuery = "AT+CWCOUNTRY?";
        public const string CountryPrefix = "+CWCOUNTRY:";
        public const string StationMac = "AT+CIPSTAMAC=";
        public const string StationMacQuery = "AT+CIPSTAMAC?";
        public const string StationMacPrefix = "+CIPSTAMAC:";
        public const string SoftApMac = "AT+CIPAPMAC=";
        public const string SoftApMacQuery = "AT+CIPAPMAC?";
        public const string SoftApMacPrefix = "+CIPAPMAC:";
        public const string TxPower = "AT+RFPOWER=";
        public const string TxPowerQuery = "AT+RFPOWER?";
        public const string TxPowerPrefix = "+RFPOWER:";
        public const string Sleep = "AT+SLEEP=";
        public const string SleepQuery = "AT+SLEEP?";
        public const string SleepPrefix = "+SLEEP:";

        // IP settings
        public const string StationIp = "AT+CIPSTA=";
        public const string StationIpQuery = "AT+CIPSTA?";
        public const string StationIpPrefix = "+CIPSTA:";
        public const string SoftApIp = "AT+CIPAP=";
        public const string SoftApIpQuery = "AT+CIPAP?";
        public const string SoftApIpPrefix = "+CIPAP:";
        public const string Dns = "AT+CIPDNS=";
        public const string DnsQuery = "AT+CIPDNS?";
        public const string DnsPrefix = "+CIPDNS:";

        // Ping, time, mDNS
        public const string Ping = "AT+PING=";
        public const string PingPrefix = "+PING:";
        public const string SntpConfig = "AT+CIPSNTPCFG=";
        public const string SntpTimeQuery = "AT+CIPSNTPTIME?";
        public const string SntpTimePrefix = "+CIPSNTPTIME:";
        public const string Mdns = "AT+MDNS=";
        public const string MdnsOff = "AT+MDNS=0";

        // URCs (spec §3)
        public const string ConnectedUrc = "WIFI CONNECTED";
        public const string GotIpUrc = "WIFI GOT IP";
        public const string DisconnectUrc = "WIFI DISCONNECT";
        public const string StationJoinedUrc = "+STA_CONNECTED:";
        public const string StationAddressUrc = "+DIST_STA_IP:";
        public const string StationLeftUrc = "+STA_DISCONNECTED:";
        public const string TimeUpdatedUrc = "+TIME_UPDATED";
    }
}
