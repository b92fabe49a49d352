using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Esp32At.Emulator.Network;
using MQTTnet;
using MQTTnet.Protocol;
using MQTTnet.Server;

namespace Esp32At.Tests.Mqtt;

/// <summary>
/// An in-process MQTTnet broker on free loopback ports: plain TCP and TLS (the emulator's factory server certificate,
/// <c>CN=espressif.local</c>, issued by the factory CA the emulated ESP has in <c>mqtt_ca.0</c>).
/// </summary>
public sealed class MqttBroker : IDisposable
{
    private readonly MqttServer server;

    public MqttBroker()
    {
        Port = FreePort();
        TlsPort = FreePort();
        var pki = FactoryPki.Instance;
        using var ephemeral = X509Certificate2.CreateFromPem(Encoding.ASCII.GetString(pki.ServerCertPem), Encoding.ASCII.GetString(pki.ServerKeyPem));
        var certificate = X509CertificateLoader.LoadPkcs12(ephemeral.Export(X509ContentType.Pkcs12), null);
        var options = new MqttServerOptionsBuilder()
            .WithDefaultEndpoint().WithDefaultEndpointBoundIPAddress(IPAddress.Loopback).WithDefaultEndpointPort(Port)
            .WithEncryptedEndpoint().WithEncryptedEndpointBoundIPAddress(IPAddress.Loopback).WithEncryptedEndpointPort(TlsPort)
            .WithEncryptionCertificate(certificate).WithEncryptionSslProtocol(System.Security.Authentication.SslProtocols.Tls12)
            .Build();
        server = new MqttServerFactory().CreateMqttServer(options);
        server.ValidatingConnectionAsync += e =>
        {
            Connects.Enqueue((e.ClientId, e.UserName, e.Password, e.KeepAlivePeriod ?? 0, e.CleanSession ?? false));
            Events.Enqueue("connect " + e.ClientId);
            return Task.CompletedTask;
        };
        server.ClientDisconnectedAsync += e =>
        {
            Events.Enqueue("disconnect " + e.ClientId);
            return Task.CompletedTask;
        };
        server.StartAsync().GetAwaiter().GetResult();
        WarmUpTls(TlsPort);
    }

    private static int warmedUp;

    // Once per test process: one TLS handshake with this broker, so the first TLS test does not pay the process's
    // one-time TLS start-up (OpenSSL contexts, the server key, SslStream code on both ends: ~1 s of CPU, measured
    // 1.0-2.1 s under load) inside the emulator's timed AT+MQTTCONN.
    private static void WarmUpTls(int port)
    {
        if (Interlocked.Exchange(ref warmedUp, 1) == 1) return;
        using var tcp = new TcpClient();
        tcp.Connect(IPAddress.Loopback, port);
        using var tls = new System.Net.Security.SslStream(tcp.GetStream(), false, (_, _, _, _) => true);
        tls.AuthenticateAsClient("espressif.local");
    }

    public int Port { get; }
    public int TlsPort { get; }

    /// <summary>Every CONNECT the broker saw: client id, user, password, keep-alive (s), clean session.</summary>
    public ConcurrentQueue<(string ClientId, string? User, string? Password, ushort KeepAlive, bool Clean)> Connects { get; } = new();

    /// <summary>"connect ID" (CONNECT validated) and "disconnect ID" (the broker's clean-up of a connection ended), in order.</summary>
    public ConcurrentQueue<string> Events { get; } = new();

    /// <summary>Another MQTT client (the board's peer) on the plain port.</summary>
    public Peer Connect(string clientId = "peer") => new(Port, clientId);

    public void Dispose()
    {
        server.StopAsync().GetAwaiter().GetResult();
        server.Dispose();
    }

    internal static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }

    /// <summary>A real MQTTnet client that records what it receives.</summary>
    public sealed class Peer : IDisposable
    {
        private readonly IMqttClient client;

        public Peer(int port, string clientId)
        {
            client = new MqttClientFactory().CreateMqttClient();
            client.ApplicationMessageReceivedAsync += e =>
            {
                var m = e.ApplicationMessage;
                Received.Add((m.Topic, System.Buffers.BuffersExtensions.ToArray(m.Payload), (int)m.QualityOfServiceLevel, m.Retain));
                return Task.CompletedTask;
            };
            client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithClientId(clientId)
                .WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V311).Build()).GetAwaiter().GetResult();
        }

        public BlockingCollection<(string Topic, byte[] Payload, int Qos, bool Retain)> Received { get; } = new();

        public void Subscribe(string filter, int qos = 2) =>
            client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter(filter, (MqttQualityOfServiceLevel)qos).Build()).GetAwaiter().GetResult();

        public void Publish(string topic, byte[] payload, int qos = 0, bool retain = false) =>
            client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload)
                .WithQualityOfServiceLevel((MqttQualityOfServiceLevel)qos).WithRetainFlag(retain).Build()).GetAwaiter().GetResult();

        public void Publish(string topic, string payload, int qos = 0, bool retain = false) => Publish(topic, Encoding.UTF8.GetBytes(payload), qos, retain);

        /// <summary>The next message (fails after 5 s).</summary>
        public (string Topic, byte[] Payload, int Qos, bool Retain) Next()
        {
            Assert.True(Received.TryTake(out var m, 5000), "the peer received no message within 5 s");
            return m;
        }

        public void Dispose() => client.Dispose();
    }
}
