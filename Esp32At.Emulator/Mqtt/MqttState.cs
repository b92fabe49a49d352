namespace Esp32At.Emulator.Mqtt;

/// <summary>The <c>&lt;state&gt;</c> of <c>+MQTTCONN:</c> and <c>+MQTTSUB:</c> (Espressif's AT+MQTTCONN parameters).</summary>
public enum MqttState
{
    Uninitialized = 0,
    UserConfigured = 1,
    ConnectionConfigured = 2,
    Disconnected = 3,
    Connected = 4,
    ConnectedNoSubscription = 5,
    Subscribed = 6,
}
