using System.Diagnostics;
using System.Net;
using Esp32At.Benchmarks.Line;
using MQTTnet;
using MQTTnet.Server;

namespace Esp32At.Benchmarks.Scenarios;

/// <summary>
/// Offloaded MQTT publishes (<c>Esp32At.Mqtt.MqttClient</c>) as fast as the library can, to an embedded MQTTnet broker,
/// for a fixed time: messages/s against the protocol limit (line rate / the bytes one publish exchange puts on the wire).
/// </summary>
public static class MqttPublish
{
    public sealed record MqttResult(string Profile, int Baud, int Size, int Qos, long Messages, double PerSecond, double ProtocolLimit)
    {
        public override string ToString() =>
            $"mqtt publish {Profile} {Baud} baud, {Size} B, QoS {Qos}: {PerSecond:F0} msg/s ({Messages} in the window), protocol limit {ProtocolLimit:F0} msg/s, ratio {PerSecond / ProtocolLimit:P0}";
    }

    public static MqttResult Run(BenchRig rig, int port, int size, int qos, TimeSpan duration)
    {
        var client = new Esp32At.Mqtt.MqttClient(rig.Device);
        try
        {
            client.Connect(new Esp32At.Mqtt.MqttConnectOptions { Host = "127.0.0.1", Port = port, ClientId = "bench-" + size + "-" + qos });
            var payload = new byte[size];
            for (int i = 0; i < size; i++) payload[i] = (byte)('a' + i % 26);
            for (int i = 0; i < 3; i++) client.Publish("bench", payload, qos); // warm-up
            var before = rig.Wire.Snapshot();
            var clock = Stopwatch.StartNew();
            long sent = 0;
            while (clock.Elapsed < duration)
            {
                client.Publish("bench", payload, qos);
                sent++;
            }
            double seconds = clock.Elapsed.TotalSeconds;
            var wire = rig.Wire.Snapshot() - before;
            double perExchange = (double)(wire.BytesOut + wire.BytesIn) / sent;
            client.Disconnect();
            return new MqttResult(rig.Profile.Name, rig.Baud, size, qos, sent, sent / seconds, LineRate.BytesPerSecond(rig.Baud) / perExchange);
        }
        finally
        {
            client.Dispose();
        }
    }

    /// <summary>An in-process broker on a free loopback port.</summary>
    public static (MqttServer Server, int Port) StartBroker()
    {
        var l = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        l.Start();
        int port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        var server = new MqttServerFactory().CreateMqttServer(new MqttServerOptionsBuilder().WithDefaultEndpoint()
            .WithDefaultEndpointBoundIPAddress(IPAddress.Loopback).WithDefaultEndpointPort(port).Build());
        server.StartAsync().GetAwaiter().GetResult();
        return (server, port);
    }
}
