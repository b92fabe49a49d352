using System.Net;
using System.Text;
using Esp32At.Device;
using Esp32At.Emulator.Core;
using Esp32At.Emulator.Profiles;
using Esp32At.Hosting;
using Esp32At.Mqtt;

namespace Esp32At.Tests.Mqtt;

/// <summary>The offloaded client against a real Mosquitto: QoS round trips, TLS verification, last will.</summary>
public sealed class MosquittoTests : IDisposable
{
    private readonly MosquittoBroker broker = new();
    private readonly EspEmulator emulator = new(new EmulatorOptions { Profile = FirmwareProfile.V4_1_1_C3, SpeedFactor = 0, BootTimeMs = 0 });
    private readonly Esp32AtDevice device;
    private readonly MqttClient client;

    public MosquittoTests()
    {
        device = new Esp32AtDevice(new EmulatorTransport(emulator), new Esp32AtOptions());
        device.Initialize();
        device.Executor.Execute("AT+CWMODE=1", 2000);
        device.Executor.Execute("AT+CWJAP=\"Home\",\"secret-pass\"", 5000, resendOnBusy: false);
        client = new MqttClient(device);
    }

    public void Dispose()
    {
        client.Dispose();
        device.Dispose();
        emulator.Dispose();
        broker.Dispose();
    }

    [Fact]
    public void QosOneAndTwoRoundTripsThroughMosquitto()
    {
        using var peer = broker.Connect();
        peer.Subscribe("up");
        var got = new System.Collections.Concurrent.BlockingCollection<string>();
        client.MessageReceived += (_, _, p) => got.Add(Encoding.UTF8.GetString(p));
        client.Connect(new MqttConnectOptions { Host = "127.0.0.1", Port = broker.Port, ClientId = "board" });
        client.Subscribe("down", 2);
        client.Publish("up", "one", 1);
        client.Publish("up", new byte[3000], 2);
        Assert.Equal("one", Encoding.UTF8.GetString(peer.Next().Payload));
        Assert.Equal(3000, peer.Next().Payload.Length);
        peer.Publish("down", "two", 2);
        Assert.True(got.TryTake(out var m, 5000));
        Assert.Equal("two", m);
    }

    [Fact]
    public void TlsIsVerifiedAgainstTheProvisionedCaAndTheWillFollowsAReboot()
    {
        using var peer = broker.Connect();
        peer.Subscribe("status");
        emulator.Links.Dns.Add("espressif.local", IPAddress.Loopback);
        client.Certificates.LoadMqttCa(Esp32At.Emulator.Network.FactoryPki.Instance.CaPem);
        client.Connect(new MqttConnectOptions
        {
            Host = "espressif.local", Port = broker.TlsPort, ClientId = "tls-board", Scheme = MqttScheme.TlsVerifyServer,
            WillTopic = "status", WillMessage = "lost", KeepAliveSeconds = 5, AutoReconnect = false,
        });
        Assert.True(client.Connected);
        emulator.Reboot();
        Assert.Equal("lost", Encoding.UTF8.GetString(peer.Next().Payload));
    }
}
