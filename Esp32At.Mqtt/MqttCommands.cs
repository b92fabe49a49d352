namespace Esp32At.Mqtt
{
    /// <summary>Every AT command string of the offloaded MQTT client (Espressif's MQTT AT Commands).</summary>
    internal static class MqttCommands
    {
        public const string UserConfig = "AT+MQTTUSERCFG=0,";
        public const string LongClientId = "AT+MQTTLONGCLIENTID=0,";
        public const string LongUsername = "AT+MQTTLONGUSERNAME=0,";
        public const string LongPassword = "AT+MQTTLONGPASSWORD=0,";
        public const string ConnectionConfig = "AT+MQTTCONNCFG=0,";
        public const string Alpn = "AT+MQTTALPN=0,";
        public const string Sni = "AT+MQTTSNI=0,";
        public const string Connect = "AT+MQTTCONN=0,";
        public const string Publish = "AT+MQTTPUB=0,";
        public const string PublishRaw = "AT+MQTTPUBRAW=0,";
        public const string Subscribe = "AT+MQTTSUB=0,";
        public const string Unsubscribe = "AT+MQTTUNSUB=0,";
        public const string Clean = "AT+MQTTCLEAN=0";
        public const string ConnectedUrc = "+MQTTCONNECTED:";
        public const string DisconnectedUrc = "+MQTTDISCONNECTED:";
        /// <summary>Certificate and CA ids: the firmware has one of each (0).</summary>
        public const string CertIds = ",0,0,";
    }
}
