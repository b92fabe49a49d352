namespace Esp32At.Emulator.Mqtt;

/// <summary>What AT+MQTTUSERCFG, the LONG commands, AT+MQTTCONNCFG, AT+MQTTALPN and AT+MQTTSNI set for link 0.</summary>
public sealed class MqttConfig
{
    /// <summary>1 TCP, 2-5 TLS, 6 WebSocket, 7-10 WebSocket over TLS.</summary>
    public int Scheme { get; set; }
    public string ClientId { get; set; } = "";
    public string Username { get; set; } = "";
    public string Password { get; set; } = "";
    public string Path { get; set; } = "";
    /// <summary>Seconds; 0 is forced to 120 by the firmware.</summary>
    public int KeepAlive { get; set; }
    public bool DisableCleanSession { get; set; }
    public string LwtTopic { get; set; } = "";
    public string LwtMessage { get; set; } = "";
    public int LwtQos { get; set; }
    public bool LwtRetain { get; set; }
    public List<string> Alpn { get; set; } = [];
    public string? Sni { get; set; }

    public bool IsTls => Scheme is (>= 2 and <= 5) or (>= 7 and <= 10);
    public bool IsWebSocket => Scheme >= 6;
    /// <summary>Schemes 3, 5, 8, 10 verify the server against <c>mqtt_ca.0</c>.</summary>
    public bool VerifiesServer => Scheme is 3 or 5 or 8 or 10;
    /// <summary>Schemes 4, 5, 9, 10 present <c>mqtt_cert.0</c>/<c>mqtt_key.0</c>.</summary>
    public bool PresentsCertificate => Scheme is 4 or 5 or 9 or 10;
}
