namespace Esp32At.Mqtt
{
    /// <summary>A whole message arrived on a subscribed topic (pieces already joined). Raised on a delivery thread.</summary>
    public delegate void MqttMessageHandler(MqttClient sender, string topic, byte[] payload);

    /// <summary>The connection to the broker ended; <paramref name="reason"/> says why.</summary>
    public delegate void MqttDisconnectedHandler(MqttClient sender, MqttDisconnectReason reason);

    /// <summary>Why the connection to the broker ended.</summary>
    public enum MqttDisconnectReason
    {
        /// <summary><see cref="MqttClient.Disconnect"/> was called.</summary>
        Requested = 0,
        /// <summary>The ESP reported <c>+MQTTDISCONNECTED</c> (broker gone, Wi-Fi lost, keep-alive timeout).</summary>
        LinkLost = 1,
        /// <summary>The ESP rebooted: its MQTT state is gone.</summary>
        Rebooted = 2,
    }
}
