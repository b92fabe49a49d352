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

    [Fact]
    public void CallbacksReportConnectSubscribePublishUnsubscribeAndDisconnectAndTopicCallbacksTakeTheirTopics()
    {
        using var broker = new MqttBroker();
        using var peer = broker.Connect();
        peer.Subscribe("out");
        using var f = new CircuitPythonWifi();
        f.Radio.Connect("Home", "secret-pass");
        var mqtt = new MQTT("127.0.0.1", port: broker.Port, clientId: "cpy-cb") { UserData = "ud" };
        var events = new List<string>();
        mqtt.OnConnect = (c, u, flags, rc) => events.Add($"connect {u} {flags} {rc}");
        mqtt.OnDisconnect = (c, u, rc) => events.Add($"disconnect {u} {rc}");
        mqtt.OnSubscribe = (c, u, topic, qos) => events.Add($"subscribe {topic} {qos}");
        mqtt.OnUnsubscribe = (c, u, topic, pid) => events.Add($"unsubscribe {topic}");
        mqtt.OnPublish = (c, u, topic, pid) => events.Add($"publish {topic}");
        mqtt.OnMessage = (c, topic, message) => events.Add($"message {topic} {message}");
        mqtt.AddTopicCallback("sensors/+/cmd", (c, topic, message) => events.Add($"sensor {topic} {message}"));
        mqtt.Connect();
        mqtt.Subscribe("sensors/#", 1);
        mqtt.Publish("out", "1", qos: 1);
        Assert.Equal("1", Encoding.UTF8.GetString(peer.Next().Payload));
        peer.Publish("sensors/a/cmd", "on", 1);
        Assert.Equal(1, mqtt.Loop(5));
        peer.Publish("sensors/a/data", "7", 1);
        Assert.Equal(1, mqtt.Loop(5));
        mqtt.Unsubscribe("sensors/#");
        mqtt.Disconnect();
        Assert.Equal(new[]
        {
            "connect ud 0 0", "subscribe sensors/# 1", "publish out", "sensor sensors/a/cmd on", "message sensors/a/data 7",
            "unsubscribe sensors/#", "disconnect ud 0",
        }, events);
        Assert.Throws<NotSupportedException>(() => mqtt.Ping());
        mqtt.Client.Dispose();
    }

    [Fact]
    public void ReconnectSubscribesTheTopicsAgain()
    {
        using var broker = new MqttBroker();
        using var peer = broker.Connect();
        using var f = new CircuitPythonWifi();
        f.Radio.Connect("Home", "secret-pass");
        var mqtt = new MQTT("127.0.0.1", port: broker.Port, clientId: "cpy-re");
        var got = new List<string>();
        mqtt.OnMessage = (c, topic, message) => got.Add(topic + "=" + message);
        mqtt.Connect();
        mqtt.Subscribe("cmd", 1);
        mqtt.Reconnect();
        Assert.True(mqtt.IsConnected());
        peer.Publish("cmd", "again", 1);
        Assert.Equal(1, mqtt.Loop(5));
        Assert.Equal(["cmd=again"], got);
        mqtt.Disconnect();
        mqtt.Client.Dispose();
    }

    [Theory]
    [InlineData("a/+/c", "a/b/c", true)]
    [InlineData("a/+/c", "a/b/d", false)]
    [InlineData("a/#", "a", true)]
    [InlineData("a/#", "a/b/c", true)]
    [InlineData("a/b", "a/b/c", false)]
    [InlineData("+", "a/b", false)]
    [InlineData("#", "x/y", true)]
    public void TopicFiltersMatchAsMqttSays(string filter, string topic, bool expected) =>
        Assert.Equal(expected, TopicFilter.Matches(filter, topic));
}
