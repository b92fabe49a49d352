namespace Esp32At.Mqtt
{
    /// <summary>How the ESP reaches the broker: the <c>&lt;scheme&gt;</c> of AT+MQTTUSERCFG.</summary>
    public enum MqttScheme
    {
        /// <summary>MQTT over TCP.</summary>
        Tcp = 1,
        /// <summary>MQTT over TLS without certificate verification.</summary>
        Tls = 2,
        /// <summary>MQTT over TLS, the broker verified against the CA in the certificate store (<c>mqtt_ca.0</c>).</summary>
        TlsVerifyServer = 3,
        /// <summary>MQTT over TLS presenting the client certificate (<c>mqtt_cert.0</c>).</summary>
        TlsClientCertificate = 4,
        /// <summary>MQTT over TLS, both verified and presenting a client certificate.</summary>
        TlsMutual = 5,
        /// <summary>MQTT over WebSocket.</summary>
        WebSocket = 6,
        /// <summary>MQTT over WebSocket Secure without verification.</summary>
        WebSocketTls = 7,
        /// <summary>MQTT over WebSocket Secure, broker verified.</summary>
        WebSocketTlsVerifyServer = 8,
        /// <summary>MQTT over WebSocket Secure presenting a client certificate.</summary>
        WebSocketTlsClientCertificate = 9,
        /// <summary>MQTT over WebSocket Secure, both ways.</summary>
        WebSocketTlsMutual = 10,
    }
}
