using System.Text;
using Esp32At.CircuitPython.Mqtt;
using Esp32At.Tests.Mqtt;

namespace Esp32At.Tests.CircuitPython;

/// <summary>The MiniMQTT-style face: publish, subscribe, and messages handed over inside loop().</summary>
[Collection(CircuitPythonWifiCollection.Name)]
public sealed class MiniMqttTests
{
    [Fact]
    public void PublishSubscribeAndLoopDeliverOnTheCallersThread()
    {
        using var broker = new MqttBroker();
        using var peer = broker.Connect();
        peer.Subscribe("feeds/#");
        using var f = new CircuitPythonWifi();
        f.Radio.Connect("Home", "secret-pass");
        var mqtt = new MQTT("127.0.0.1", port: broker.Port, clientId: "cpy-board");
        var got = new List<(string, string, int)>();
        mqtt.OnMessage = (c, topic, message) => got.Add((topic, message, Environment.CurrentManagedThreadId));
        mqtt.WillSet("feeds/status", "gone");
        mqtt.Connect();
        Assert.True(mqtt.IsConnected());
        mqtt.Subscribe("cmd", 1);
        mqtt.Publish("feeds/temp", "22.1", qos: 1);
        Assert.Equal("22.1", Encoding.UTF8.GetString(peer.Next().Payload));
        peer.Publish("cmd", "blink", 1);
        Assert.Equal(1, mqtt.Loop(5));
        Assert.Equal(("cmd", "blink", Environment.CurrentManagedThreadId), got.Single());
        mqtt.Disconnect();
        Assert.False(mqtt.IsConnected());
        mqtt.Client.Dispose();
    }
}
