namespace Esp32At.CircuitPython.Mqtt
{
    /// <summary>Called from <see cref="MQTT.Loop"/> for each message (adafruit_minimqtt's <c>on_message(client, topic, message)</c>).</summary>
    public delegate void MqttOnMessage(MQTT client, string topic, string message);

    /// <summary><c>on_connect(client, userdata, flags, rc)</c>: rc 0 = connected (flags 0: the ESP does not report session-present).</summary>
    public delegate void MqttOnConnect(MQTT client, object userData, int flags, int rc);

    /// <summary><c>on_disconnect(client, userdata, rc)</c>: rc 0 = asked for, 1 = link lost, 2 = the ESP rebooted.</summary>
    public delegate void MqttOnDisconnect(MQTT client, object userData, int rc);

    /// <summary><c>on_subscribe(client, userdata, topic, granted_qos)</c>.</summary>
    public delegate void MqttOnSubscribe(MQTT client, object userData, string topic, int grantedQos);

    /// <summary><c>on_unsubscribe(client, userdata, topic, pid)</c> and <c>on_publish(client, userdata, topic, pid)</c>:
    /// pid is a running count (the ESP does not expose packet ids).</summary>
    public delegate void MqttOnTopicDone(MQTT client, object userData, string topic, int pid);
}
