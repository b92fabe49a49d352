namespace Esp32At.Mqtt
{
    /// <summary>What <see cref="MqttClient.Connect"/> configures on the ESP before it connects.</summary>
    public sealed class MqttConnectOptions
    {
        /// <summary>Broker host name or IPv4 address (at most 128 bytes).</summary>
        public string Host { get; set; }
        /// <summary>Broker port (1883 plain, 8883 TLS by convention).</summary>
        public int Port { get; set; } = 1883;
        /// <summary>Transport and TLS verification.</summary>
        public MqttScheme Scheme { get; set; } = MqttScheme.Tcp;
        /// <summary>Client id (1 to 1024 bytes; over 256, or with a quote or comma, it goes through AT+MQTTLONGCLIENTID).</summary>
        public string ClientId { get; set; }
        /// <summary>User name, or null for none.</summary>
        public string Username { get; set; }
        /// <summary>Password, or null for none. Never written to the trace.</summary>
        public string Password { get; set; }
        /// <summary>Keep-alive in seconds, 1 to 7200 (the firmware turns 0 into 120).</summary>
        public int KeepAliveSeconds { get; set; } = 120;
        /// <summary>Whether the broker forgets the session at connect.</summary>
        public bool CleanSession { get; set; } = true;
        /// <summary>Last-will topic, or null for no will.</summary>
        public string WillTopic { get; set; }
        /// <summary>Last-will message (at most 128 bytes; 64 on v2.x firmware).</summary>
        public string WillMessage { get; set; }
        /// <summary>Last-will QoS 0-2.</summary>
        public int WillQos { get; set; }
        /// <summary>Whether the broker retains the will.</summary>
        public bool WillRetain { get; set; }
        /// <summary>WebSocket path (at most 32 bytes), e.g. <c>mqtt</c>.</summary>
        public string Path { get; set; }
        /// <summary>TLS server name indication (v3.3+ firmware), or null for the host.</summary>
        public string ServerName { get; set; }
        /// <summary>TLS ALPN protocols (at most 5; v2.3+ firmware), or null.</summary>
        public string[] Alpn { get; set; }
        /// <summary>Whether the library connects again (and subscribes again) after a reboot of the ESP or a lost link.</summary>
        public bool AutoReconnect { get; set; } = true;
    }
}
