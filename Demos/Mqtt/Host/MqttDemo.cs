using System.CommandLine;
using System.Net;
using Esp32At.Demos.Common;
using Esp32At.Device;
using Esp32At.Mqtt;
using Esp32At.Wifi;

namespace Esp32At.Demos.Mqtt;

/// <summary>
/// The host side of the MQTT demo: starts an embedded MQTTnet broker unless <c>--broker</c> names one, brings up the
/// ESP (the built-in emulator, or a real one with <c>--port</c>), joins Wi-Fi, connects the offloaded
/// <see cref="MqttClient"/> (TLS with <c>--tls</c>) and runs <see cref="TelemetryDemo"/>: a reading every second,
/// commands from the cmd topic, messages/s and publish→echo round trips. Exit code 0 when readings went out and came back.
/// </summary>
public static class MqttDemo
{
    public static int Run(string[] args, IDemoLog log)
    {
        var cli = new DemoCommandLine();
        var broker = new Option<string>("--broker") { HelpName = "host:port", Description = "An MQTT broker to use instead of the embedded MQTTnet one (as the ESP reaches it)." };
        var tls = new Option<bool>("--tls") { Description = "MQTT over TLS, the broker verified (embedded broker: the emulator's factory CA; else --ca)." };
        var ca = new Option<string>("--ca") { HelpName = "file.pem", Description = "With --tls and --broker: the CA that signed the broker's certificate (without it the broker is not verified)." };
        var seconds = new Option<int>("--seconds") { HelpName = "n", Description = "Stop after n seconds (0 = run until Ctrl+C)." };
        var qos = new Option<int>("--qos") { HelpName = "0|1|2", Description = "QoS of the readings.", DefaultValueFactory = _ => 1 };
        var name = new Option<string>("--device") { HelpName = "name", Description = "Client id and topic root: esp32at/<name>/telemetry, cmd, ack, status.", DefaultValueFactory = _ => "board-1" };
        var root = cli.Create("Esp32At MQTT demo: telemetry up, commands down, through the ESP32's own MQTT client (AT+MQTT*).",
            broker, tls, ca, seconds, qos, name);
        root.SetAction(r => Run(cli.Read(r), new Settings(r.GetValue(broker), r.GetValue(tls), r.GetValue(ca), r.GetValue(seconds), r.GetValue(qos), r.GetValue(name)!), log));
        return root.Parse(args).Invoke();
    }

    private sealed record Settings(string? Broker, bool Tls, string? CaFile, int Seconds, int Qos, string Device);

    private static int Run(DemoOptions options, Settings s, IDemoLog log)
    {
        if (s.Qos is < 0 or > 2) { log.Line("[FAIL] --qos takes 0, 1 or 2"); return 2; }
        EmbeddedBroker? embedded = null;
        try
        {
            string host;
            int port;
            if (s.Broker is null)
            {
                // A board on the LAN reaches the embedded broker at this machine's address on the standard ports.
                embedded = options.UsesEmulator ? new EmbeddedBroker(IPAddress.Loopback, 0, 0) : new EmbeddedBroker(IPAddress.Any, 1883, 8883);
                host = options.UsesEmulator ? (s.Tls ? EmbeddedBroker.TlsName : "127.0.0.1") : LanAddress.Find().ToString();
                port = s.Tls ? embedded.TlsPort : embedded.Port;
            }
            else if (!TrySplit(s.Broker, out host, out port)) { log.Line($"[FAIL] --broker \"{s.Broker}\" is not host:port"); return 2; }
            using var session = DemoSession.Open(options);
            if (embedded is not null && s.Tls) session.AddDnsName(EmbeddedBroker.TlsName, IPAddress.Loopback);
            log.Line("Esp32At Mqtt demo");
            log.Line($"  ESP:    {session.Describe()}");
            log.Line($"  broker: {(s.Tls ? "mqtts" : "mqtt")}://{host}:{port}{(embedded is not null ? $" (embedded MQTTnet broker, plain port {embedded.Port}, TLS port {embedded.TlsPort})" : "")}");
            return RunOnEsp(session, host, port, s, embedded is not null, log);
        }
        catch (Exception e)
        {
            log.Line($"[FAIL] {e.GetType().Name}: {e.Message}");
            return 1;
        }
        finally
        {
            embedded?.Dispose();
        }
    }

    private static int RunOnEsp(DemoSession session, string host, int port, Settings s, bool embedded, IDemoLog log)
    {
        var o = session.Options;
        long t0 = DateTime.UtcNow.Ticks;
        using var device = new Esp32AtDevice(session.Transport, session.DeviceOptions());
        device.Initialize();
        session.AttachTrace(device.Executor, Console.Out);
        log.Line($"[ok]   ESP up: AT {device.Version}, UART {device.BaudRate} baud ({Units.Ms(DateTime.UtcNow.Ticks - t0)} ms)");
        var wifi = new WifiService(device);
        wifi.SetMode(WifiMode.Station);
        long t1 = DateTime.UtcNow.Ticks;
        wifi.Join(o.Ssid, o.Password, null, 0);
        var address = wifi.QueryStationIpv4().Address;
        log.Line($"[ok]   joined \"{o.Ssid}\": address {string.Join('.', address)} ({Units.Ms(DateTime.UtcNow.Ticks - t1)} ms)");

        using var client = new MqttClient(device);
        var topics = new Topics(s.Device);
        var connect = new MqttConnectOptions
        {
            Host = host,
            Port = port,
            ClientId = s.Device,
            KeepAliveSeconds = 30,
            WillTopic = topics.Status,
            WillMessage = "offline",
            WillQos = 1,
            WillRetain = true,
            Scheme = MqttScheme.Tcp,
        };
        if (s.Tls)
        {
            byte[]? caPem = embedded ? Emulator.Network.FactoryPki.Instance.CaPem : s.CaFile is not null ? File.ReadAllBytes(s.CaFile) : null;
            if (caPem is not null) client.Certificates.LoadMqttCa(caPem);
            connect.Scheme = caPem is not null ? MqttScheme.TlsVerifyServer : MqttScheme.Tls;
            // A real ESP reaching the embedded broker by IP address: the certificate's name goes in SNI.
            if (embedded && !o.UsesEmulator) connect.ServerName = EmbeddedBroker.TlsName;
        }
        long t2 = DateTime.UtcNow.Ticks;
        client.Connect(connect);
        log.Line($"[ok]   MQTT connected as \"{s.Device}\" ({SchemeName(connect.Scheme)}, keep-alive 30 s, will \"offline\" on {topics.Status}) ({Units.Ms(DateTime.UtcNow.Ticks - t2)} ms)");

        var demo = new TelemetryDemo(client, topics, s.Qos, log, new ConsoleLed());
        demo.Start();
        log.Line(s.Seconds > 0 ? $"       running {s.Seconds} s" : "       running until Ctrl+C");
        using var stop = new ManualResetEvent(false);
        ConsoleCancelEventHandler onCancel = (_, e) => { e.Cancel = true; stop.Set(); };
        Console.CancelKeyPress += onCancel;
        long t3 = DateTime.UtcNow.Ticks;
        try { demo.Run(s.Seconds, stop); }
        finally { Console.CancelKeyPress -= onCancel; }
        var summary = demo.Finish(DateTime.UtcNow.Ticks - t3);
        client.Disconnect();
        log.Line(summary);
        return demo.State.Published > 0 && demo.Trips.Count > 0 ? 0 : 1;
    }

    private static string SchemeName(MqttScheme scheme) => scheme switch
    {
        MqttScheme.TlsVerifyServer => "TLS, broker verified",
        MqttScheme.Tls => "TLS, broker not verified",
        _ => "TCP",
    };

    private static bool TrySplit(string text, out string host, out int port)
    {
        int colon = text.LastIndexOf(':');
        host = colon > 0 ? text[..colon] : "";
        port = 0;
        return colon > 0 && int.TryParse(text[(colon + 1)..], out port) && port is > 0 and < 65536;
    }
}
