using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Esp32At.Device;
using Esp32At.Emulator.Core;
using Esp32At.Emulator.Profiles;
using Esp32At.Engine;
using Esp32At.Hosting;
using Esp32At.Mqtt;

namespace Esp32At.Tests.Mqtt;

/// <summary>The offloaded <see cref="MqttClient"/> end to end: library → emulated ESP → real broker → another client.</summary>
public sealed class MqttClientTests : IDisposable
{
    private readonly MqttBroker broker = new();
    private readonly EspEmulator emulator;
    private readonly Esp32AtDevice device;
    private readonly TraceLog trace = new();
    private readonly MqttClient client;
    private readonly BlockingCollection<(string Topic, byte[] Payload)> received = new();
    private readonly BlockingCollection<MqttDisconnectReason> disconnects = new();
    private readonly ManualResetEventSlim reconnected = new();

    public MqttClientTests()
    {
        emulator = new EspEmulator(new EmulatorOptions { Profile = FirmwareProfile.V4_1_1_C3, SpeedFactor = 0, BootTimeMs = 0 });
        device = new Esp32AtDevice(new EmulatorTransport(emulator), new Esp32AtOptions());
        device.Initialize();
        device.Executor.Execute("AT+CWMODE=1", 2000);
        device.Executor.Execute("AT+CWJAP=\"Home\",\"secret-pass\"", 5000, resendOnBusy: false);
        device.Executor.Trace = trace;
        client = new MqttClient(device);
        client.MessageReceived += (_, topic, payload) => received.Add((topic, payload));
        client.Disconnected += (_, reason) => disconnects.Add(reason);
        client.Reconnected += (_, _) => reconnected.Set();
    }

    public void Dispose()
    {
        client.Dispose();
        device.Dispose();
        emulator.Dispose();
        broker.Dispose();
    }

    private MqttConnectOptions Options(string id = "board") => new() { Host = "127.0.0.1", Port = broker.Port, ClientId = id };

    private (string Topic, byte[] Payload) Next()
    {
        Assert.True(received.TryTake(out var m, 5000), "the board received no message within 5 s");
        return m;
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void MessagesGoBothWaysAtEveryQos(int qos)
    {
        using var peer = broker.Connect();
        peer.Subscribe("up/#");
        client.Connect(Options());
        Assert.True(client.Connected);
        client.Subscribe("down/cmd", qos);
        client.Publish("up/t", "21.5", qos);
        var m = peer.Next();
        Assert.Equal(("up/t", "21.5", qos), (m.Topic, Encoding.UTF8.GetString(m.Payload), m.Qos));
        peer.Publish("down/cmd", "led,on\r\nOK\r\n", qos);
        var r = Next();
        Assert.Equal(("down/cmd", "led,on\r\nOK\r\n"), (r.Topic, Encoding.UTF8.GetString(r.Payload)));
    }

    [Fact]
    public void LargeBinaryPayloadsArriveWholeBothWays()
    {
        using var peer = broker.Connect();
        peer.Subscribe("bin/up");
        client.Connect(Options());
        client.Subscribe("bin/down", 1);
        var up = new byte[20_000];
        new Random(1).NextBytes(up);
        client.Publish("bin/up", up, 1);
        Assert.Equal(up, peer.Next().Payload);
        var down = new byte[5_000];
        new Random(2).NextBytes(down);
        peer.Publish("bin/down", down, 1);
        var r = Next();
        Assert.Equal(down, r.Payload); // five +MQTTSUBRECV pieces joined by their lengths
        peer.Publish("bin/down", "after", 1);
        Assert.Equal("after", Encoding.UTF8.GetString(Next().Payload));
    }

    [Fact]
    public void RetainedMessagesReachLaterSubscribers()
    {
        client.Connect(Options());
        client.Publish("state/door", "open", 1, retain: true);
        using var late = broker.Connect("late");
        late.Subscribe("state/door");
        var m = late.Next();
        Assert.True(m.Retain);
        Assert.Equal("open", Encoding.UTF8.GetString(m.Payload));
    }

    [Fact]
    public void AThousandMessagesInARowAreNeitherLostNorDuplicated()
    {
        using var peer = broker.Connect();
        peer.Subscribe("seq");
        client.Connect(Options());
        client.Subscribe("back", 1);
        for (int i = 0; i < 1000; i++) client.Publish("seq", "m" + i, 1);
        for (int i = 0; i < 1000; i++) Assert.Equal("m" + i, Encoding.UTF8.GetString(peer.Next().Payload));
        Assert.False(peer.Received.TryTake(out _, 200));
        for (int i = 0; i < 1000; i++) peer.Publish("back", "b" + i, 1);
        for (int i = 0; i < 1000; i++) Assert.Equal("b" + i, Encoding.UTF8.GetString(Next().Payload));
        Assert.False(received.TryTake(out _, 200));
    }

    [Fact]
    public void LongCredentialsReachTheBrokerAndNeverTheTrace()
    {
        var o = Options(new string('c', 400));
        o.Username = "user-" + new string('u', 300);
        o.Password = "hunter2-" + new string('p', 500);
        client.Connect(o);
        var connect = broker.Connects.Last();
        Assert.Equal((o.ClientId, o.Username, o.Password), (connect.ClientId, connect.User, connect.Password));
        Assert.DoesNotContain(trace.Lines, l => l.Contains("hunter2") || l.Contains("user-"));
        Assert.Contains(trace.Lines, l => l.StartsWith(">> AT+MQTTLONGPASSWORD=0,508", StringComparison.Ordinal));
    }

    [Fact]
    public void BadInputThrowsBeforeAnythingIsWritten()
    {
        client.Connect(Options());
        int before = trace.Lines.Count;
        Assert.Throws<ArgumentException>(() => client.Publish("a/+/b", "x"));
        Assert.Throws<ArgumentException>(() => client.Publish("a/#", "x"));
        Assert.Throws<ArgumentOutOfRangeException>(() => client.Publish("a", "x", qos: 3));
        Assert.Throws<ArgumentException>(() => client.Publish(new string('t', 129), "x"));
        Assert.Throws<ArgumentException>(() => client.Publish("a", new byte[MqttClient.MaxPayloadBytes + 1]));
        Assert.Throws<ArgumentOutOfRangeException>(() => client.Subscribe("a", 3));
        var bad = Options();
        bad.KeepAliveSeconds = 0;
        client.Disconnect();
        before = trace.Lines.Count;
        Assert.Throws<ArgumentOutOfRangeException>(() => client.Connect(bad));
        bad = Options();
        bad.ClientId = new string('c', 1025);
        Assert.Throws<ArgumentException>(() => client.Connect(bad));
        Assert.Equal(before, trace.Lines.Count);
    }

    [Fact]
    public void ARebootIsReportedThenTheClientReconnectsAndSubscribesAgain()
    {
        using var peer = broker.Connect();
        peer.Subscribe("status/board");
        var o = Options();
        o.WillTopic = "status/board";
        o.WillMessage = "offline";
        o.WillQos = 1;
        client.Connect(o);
        client.Subscribe("cmd", 1);
        emulator.Reboot();
        Assert.Equal("offline", Encoding.UTF8.GetString(peer.Next().Payload)); // no DISCONNECT: the broker sent the will
        Assert.True(disconnects.TryTake(out var reason, 5000));
        Assert.Equal(MqttDisconnectReason.Rebooted, reason);
        Assert.True(reconnected.Wait(15000), "no reconnect after the reboot");
        Assert.True(client.Connected);
        peer.Publish("cmd", "again", 1);
        Assert.Equal("again", Encoding.UTF8.GetString(Next().Payload));
    }

    [Fact]
    public void ALostLinkIsReportedAndTheClientComesBack()
    {
        using var peer = broker.Connect();
        client.Connect(Options());
        client.Subscribe("cmd", 0);
        emulator.MqttLink.BreakLink();
        Assert.True(disconnects.TryTake(out var reason, 5000));
        Assert.Equal(MqttDisconnectReason.LinkLost, reason);
        Assert.True(reconnected.Wait(15000), "no reconnect after the lost link");
        peer.Publish("cmd", "back");
        Assert.Equal("back", Encoding.UTF8.GetString(Next().Payload));
    }

    [Fact]
    public void AWifiLossIsReportedAndTheClientComesBackWithItsSubscriptionsOnceTheApIsBack()
    {
        using var peer = broker.Connect();
        client.Connect(Options());
        client.Subscribe("cmd", 1);
        Assert.True(emulator.Radio.DropConnection());
        Assert.True(disconnects.TryTake(out var reason, 5000), "no Disconnected event after the Wi-Fi loss");
        Assert.Equal(MqttDisconnectReason.LinkLost, reason);
        Assert.False(reconnected.Wait(1500), "reconnected without Wi-Fi");
        emulator.Radio.RestoreConnection();
        Assert.True(reconnected.Wait(15000), "no reconnect after the AP came back");
        Assert.True(client.Connected);
        peer.Publish("cmd", "back", 1);
        Assert.Equal("back", Encoding.UTF8.GetString(Next().Payload));
    }

    [Fact]
    public void TlsWithTheRightCaConnectsAndAWrongCaIsRejected()
    {
        emulator.Links.Dns.Add("espressif.local", System.Net.IPAddress.Loopback);
        var o = new MqttConnectOptions { Host = "espressif.local", Port = broker.TlsPort, ClientId = "tls", Scheme = MqttScheme.TlsVerifyServer };
        client.Certificates.LoadMqttCa(Esp32At.Emulator.Network.FactoryPki.Instance.CaPem);
        client.Connect(o);
        Assert.True(client.Connected);
        client.Disconnect();

        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=Someone Else CA", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        using var other = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddYears(-1), DateTimeOffset.UtcNow.AddYears(1));
        client.Certificates.LoadMqttCa(Encoding.ASCII.GetBytes(other.ExportCertificatePem()));
        Assert.Throws<AtCommandException>(() => client.Connect(o));
        Assert.False(client.Connected);
    }

    private sealed class TraceLog : IAtTraceSink
    {
        private readonly object gate = new();
        private readonly List<string> lines = [];
        public List<string> Lines { get { lock (gate) return [.. lines]; } }
        public void Trace(string direction, string text) { lock (gate) lines.Add(direction + " " + text); }
    }
}
