using System.Text;
using System.Text.RegularExpressions;
using Esp32At.Demos.Mqtt;
using Esp32At.Tests.Mqtt;

namespace Esp32At.Tests.Demos;

/// <summary>
/// The MQTT demo in-process on the emulator with its embedded broker: an outside MQTTnet client (the operator)
/// receives the telemetry and sends commands; the demo acts on them, answers and reports it.
/// </summary>
[Collection(DemoCollection.Name)]
public partial class MqttDemoTests
{
    private const string Root = "esp32at/board-1/";

    [Fact]
    public void TelemetryGoesUpAndCommandsComeDownAndAreActedOn()
    {
        var log = new MqttRecordingLog();
        int exit = -1;
        var demo = new Thread(() => exit = MqttDemo.Run(["--speed", "0", "--seconds", "8"], log)) { IsBackground = true };
        demo.Start();
        using var op = new MqttBroker.Peer(log.WaitForBrokerPort(), "operator");
        op.Subscribe(Root + "#", 1);

        var first = NextOn(op, Root + "telemetry");
        Assert.Matches("^\\{\"seq\":\\d+,\"temp_c\":\\d+\\.\\d\\d,\"led\":\"off\"\\}$", first);

        op.Publish(Root + "cmd", "interval 200", qos: 1);
        Assert.Equal("ok interval 200", NextOn(op, Root + "ack"));
        op.Publish(Root + "cmd", "LED On", qos: 1);
        Assert.Equal("ok led on", NextOn(op, Root + "ack"));
        Assert.EndsWith(",\"led\":\"on\"}", NextOn(op, Root + "telemetry"));
        op.Publish(Root + "cmd", "interval 5", qos: 1);
        Assert.Equal("error interval takes 50-60000 ms", NextOn(op, Root + "ack"));
        op.Publish(Root + "cmd", "status", qos: 1);
        Assert.StartsWith("ok interval 200 led on published ", NextOn(op, Root + "ack"));

        Assert.True(demo.Join(30_000), "the demo did not end after --seconds 8");
        Assert.True(exit == 0, log.Text);
        var lines = log.Lines;
        Assert.Contains("[cmd]  interval 1000 -> 200 ms", lines);
        Assert.Contains("[cmd]  led off -> on", lines);
        Assert.Contains("[cmd]  \"interval 5\" rejected: error interval takes 50-60000 ms", lines);
        Assert.Contains(lines, l => l.StartsWith("~") && l.Contains(" msg/s  rtt ") && l.EndsWith("interval 200 ms  led on"));
        Assert.Matches("^Mqtt demo: \\d+ readings published, \\d+ echoed, 4 commands, \\d+\\.\\d\\d msg/s, round trip [0-9.]+/[0-9.]+/[0-9.]+ ms, 0 link drops\\.$", lines[^1]);
        // The status topic: "online" when it started, "offline" (retained) when it ended.
        Assert.Equal("offline", NextOn(op, Root + "status", skip: "online"));
    }

    [Fact]
    public void TlsVerifiesTheEmbeddedBrokerWithTheCaLoadedOntoTheEsp()
    {
        var log = new MqttRecordingLog();
        int exit = MqttDemo.Run(["--speed", "0", "--seconds", "2", "--tls"], log);
        Assert.True(exit == 0, log.Text);
        Assert.Contains(log.Lines, l => l.StartsWith("  broker: mqtts://espressif.local:"));
        Assert.Contains(log.Lines, l => l.StartsWith("[ok]   MQTT connected as \"board-1\" (TLS, broker verified,"));
        Assert.DoesNotMatch(" 0 echoed", log.Lines[^1]);
    }

    [Fact]
    public void AnotherBrokerIsUsedWhenNamedAndSeesTheDeviceNameAndItsRetainedStatus()
    {
        using var broker = new MqttBroker();
        var log = new MqttRecordingLog();
        int exit = MqttDemo.Run(["--speed", "0", "--seconds", "2", "--broker", $"127.0.0.1:{broker.Port}", "--device", "kitchen", "--qos", "0"], log);
        Assert.True(exit == 0, log.Text);
        Assert.Contains($"  broker: mqtt://127.0.0.1:{broker.Port}", log.Lines);
        Assert.Contains(broker.Connects, c => c.ClientId == "kitchen" && c.KeepAlive == 30);
        using var late = broker.Connect("late");
        late.Subscribe("esp32at/kitchen/status");
        var m = late.Next();
        Assert.Equal(("offline", true), (Encoding.UTF8.GetString(m.Payload), m.Retain));
    }

    [Fact]
    public void ABadBrokerOrQosIsRefusedBeforeAnythingStarts()
    {
        var log = new MqttRecordingLog();
        Assert.Equal(2, MqttDemo.Run(["--broker", "no-port"], log));
        Assert.Equal("[FAIL] --broker \"no-port\" is not host:port", log.Lines[^1]);
        Assert.Equal(2, MqttDemo.Run(["--qos", "3"], log));
        Assert.Equal("[FAIL] --qos takes 0, 1 or 2", log.Lines[^1]);
    }

    [Fact]
    public void ReadingsCarryTheirSequenceNumberForTheRoundTrip()
    {
        Assert.Equal("{\"seq\":7,\"temp_c\":21.09,\"led\":\"on\"}", TelemetryDemo.Reading(7, true));
        Assert.Equal(7, TelemetryDemo.SeqOf(TelemetryDemo.Reading(7, true)));
        Assert.Equal(-1, TelemetryDemo.SeqOf("{\"temp\":1}"));
        var trips = new RoundTrips();
        trips.Sent(3, 1_000_000);
        Assert.True(trips.Echoed(3, 1_052_000));
        Assert.False(trips.Echoed(3, 1_060_000)); // a duplicate echo matches nothing
        Assert.Equal((1, 1, "5.2/5.2/5.2 ms"), (trips.Count, trips.Unmatched, trips.Summary()));
    }

    private static string NextOn(MqttBroker.Peer peer, string topic, string? skip = null)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (DateTime.UtcNow < deadline)
        {
            if (!peer.Received.TryTake(out var m, 1000)) continue;
            var text = Encoding.UTF8.GetString(m.Payload);
            if (m.Topic == topic && text != skip) return text;
        }
        throw new Xunit.Sdk.XunitException($"nothing on {topic} within 15 s");
    }

    private sealed partial class MqttRecordingLog : IDemoLog
    {
        private readonly List<string> lines = [];

        public IReadOnlyList<string> Lines { get { lock (lines) return lines.ToList(); } }

        public string Text => string.Join("\n", Lines);

        public void Line(string text) { lock (lines) { lines.Add(text); Monitor.PulseAll(lines); } }

        public void Progress(string text) { lock (lines) lines.Add("~" + text); }

        /// <summary>The embedded broker's plain port, from the demo's "broker:" line.</summary>
        public int WaitForBrokerPort()
        {
            var deadline = DateTime.UtcNow.AddSeconds(15);
            lock (lines)
            {
                while (true)
                {
                    foreach (var l in lines)
                    {
                        var m = BrokerLine().Match(l);
                        if (m.Success) return int.Parse(m.Groups[1].Value);
                    }
                    var left = deadline - DateTime.UtcNow;
                    Assert.True(left > TimeSpan.Zero, "the demo printed no broker line: " + string.Join("\n", lines));
                    Monitor.Wait(lines, left);
                }
            }
        }

        [GeneratedRegex("^  broker: mqtt://127\\.0\\.0\\.1:(\\d+) \\(embedded")]
        private static partial Regex BrokerLine();
    }
}
