using Esp32At.Emulator.Core;
using Esp32At.Emulator.Profiles;
using Esp32At.Mqtt;
using Esp32At.Device;
using Esp32At.Hosting;
using Esp32At.Tests.CircuitPython;

namespace Esp32At.Tests.Mqtt;

/// <summary>
/// Before v3.0 the credentials ride inline in <c>AT+MQTTUSERCFG</c> (no LONGUSERNAME/LONGPASSWORD): they still reach the
/// broker, and the trace shows none of the line's arguments after the link id.
/// </summary>
public sealed class MqttV2CredentialsTests : IDisposable
{
    private readonly MqttBroker broker = new();
    private readonly EspEmulator emulator = new(new EmulatorOptions { Profile = FirmwareProfile.V2_2_C3, SpeedFactor = 0, BootTimeMs = 0 });
    private readonly Esp32AtDevice device;
    private readonly SocketPoolFixture.TraceLog trace = new();

    public MqttV2CredentialsTests()
    {
        device = new Esp32AtDevice(new EmulatorTransport(emulator), new Esp32AtOptions());
        device.Initialize();
        device.Executor.Execute("AT+CWMODE=1", 2000);
        device.Executor.Execute("AT+CWJAP=\"Home\",\"secret-pass\"", 5000, resendOnBusy: false);
        device.Executor.Trace = trace;
    }

    public void Dispose()
    {
        device.Dispose();
        emulator.Dispose();
        broker.Dispose();
    }

    [Fact]
    public void ShortCredentialsGoInlineToTheBrokerAndNeverIntoTheTrace()
    {
        using var client = new MqttClient(device);
        var o = new MqttConnectOptions { Host = "127.0.0.1", Port = broker.Port, ClientId = "board-v2", Username = "alice-u", Password = "hunter2-p" };
        client.Connect(o);

        var connect = broker.Connects.Last();
        Assert.Equal(("board-v2", "alice-u", "hunter2-p"), (connect.ClientId, connect.User, connect.Password));
        Assert.Single(trace.Lines, l => l == ">> AT+MQTTUSERCFG=0,***"); // everything after the link id is hidden
        Assert.DoesNotContain(trace.Lines, l => l.Contains("alice-u") || l.Contains("hunter2-p"));
        Assert.DoesNotContain(trace.Lines, l => l.Contains("MQTTLONG")); // v2.2 has no prompted fields
    }
}
