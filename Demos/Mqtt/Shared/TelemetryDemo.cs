using System;
using System.Text;
using System.Threading;
using Esp32At.Mqtt;

namespace Esp32At.Demos.Mqtt
{
    /// <summary>
    /// The MQTT demo's app, the same on a SITCore board and on the desktop: publishes a (simulated) temperature
    /// reading every <see cref="TelemetryState.IntervalMs"/> on the telemetry topic, subscribes to that topic too (the
    /// broker's echo times the publish→echo round trip) and to the cmd topic (<see cref="DemoCommands"/>), answers on
    /// the ack topic, and once a second writes a status line: readings, echoes, messages/s, round trip, interval, LED.
    /// </summary>
    public sealed class TelemetryDemo
    {
        private const int StatusEveryMs = 1000;

        private readonly MqttClient client;
        private readonly Topics topics;
        private readonly int qos;
        private readonly IDemoLog log;
        private readonly ILed led;
        private readonly DemoCommands commands;
        private readonly RoundTrips trips = new RoundTrips();
        private readonly TelemetryState state = new TelemetryState();
        private int seq;

        /// <param name="client">A connected client.</param>
        /// <param name="topics">The topics (per device name).</param>
        /// <param name="qos">QoS of the readings and of the echo subscription.</param>
        /// <param name="log">Where the lines and the status line go.</param>
        /// <param name="led">What "led on"/"led off" switches.</param>
        public TelemetryDemo(MqttClient client, Topics topics, int qos, IDemoLog log, ILed led)
        {
            this.client = client;
            this.topics = topics;
            this.qos = qos;
            this.log = log;
            this.led = led;
            commands = new DemoCommands(state, led, log);
        }

        /// <summary>Counters (readings, echoes, commands, link drops).</summary>
        public TelemetryState State { get { return state; } }

        /// <summary>The round-trip statistics.</summary>
        public RoundTrips Trips { get { return trips; } }

        /// <summary>Subscribes to the cmd and telemetry topics and publishes "online" (retained) on the status topic.</summary>
        public void Start()
        {
            client.MessageReceived += OnMessage;
            client.Disconnected += OnDisconnected;
            client.Reconnected += OnReconnected;
            client.Subscribe(topics.Command, 1);
            client.Subscribe(topics.Telemetry, qos);
            client.Publish(topics.Status, "online", 1, true);
            log.Line("[ok]   subscribed to " + topics.Command + " and " + topics.Telemetry + " (echo); status \"online\" (retained)");
            log.Line("       commands: \"interval <ms>\", \"led on\", \"led off\", \"status\" on " + topics.Command + "; answers on " + topics.Ack);
        }

        /// <summary>Publishes readings until <paramref name="seconds"/> have passed (0 = forever) or <paramref name="stop"/> is set.</summary>
        public void Run(int seconds, ManualResetEvent stop)
        {
            long start = DateTime.UtcNow.Ticks;
            long lastPublish = start - (long)state.IntervalMs * TimeSpan.TicksPerMillisecond;
            long lastStatus = start;
            int lastTotal = 0;
            while (true)
            {
                long now = DateTime.UtcNow.Ticks;
                if (seconds > 0 && now - start >= seconds * TimeSpan.TicksPerSecond) break;
                if (stop != null && stop.WaitOne(0, false)) break;
                if (now - lastPublish >= (long)state.IntervalMs * TimeSpan.TicksPerMillisecond)
                {
                    lastPublish = now;
                    PublishReading(now);
                }
                if (now - lastStatus >= StatusEveryMs * TimeSpan.TicksPerMillisecond)
                {
                    int total = state.Published + state.Received;
                    log.Progress(StatusLine(now - start, total - lastTotal, now - lastStatus));
                    lastTotal = total;
                    lastStatus = now;
                }
                Thread.Sleep(5);
            }
        }

        /// <summary>Stops listening, publishes "offline" (retained) and returns the summary line.</summary>
        public string Finish(long elapsedTicks)
        {
            client.MessageReceived -= OnMessage;
            client.Disconnected -= OnDisconnected;
            client.Reconnected -= OnReconnected;
            if (client.Connected) client.Publish(topics.Status, "offline", 1, true);
            int total = state.Published + state.Received;
            long ms = elapsedTicks / TimeSpan.TicksPerMillisecond;
            string rate = ms <= 0 ? "0" : Units.Hundredths((int)(total * 100000L / ms));
            return "Mqtt demo: " + state.Published + " readings published, " + trips.Count + " echoed, " + state.Commands
                + " commands, " + rate + " msg/s, round trip " + trips.Summary() + ", " + state.Disconnects + " link drops.";
        }

        /// <summary>The reading: <c>{"seq":12,"temp_c":21.53,"led":"off"}</c> (temperature simulated).</summary>
        public static string Reading(int seq, bool ledOn)
        {
            int centi = 2150 + ((seq * 37) % 200) - 100;
            return "{\"seq\":" + seq + ",\"temp_c\":" + Units.Hundredths(centi) + ",\"led\":\"" + DemoCommands.OnOff(ledOn) + "\"}";
        }

        /// <summary>The sequence number of a reading, or -1.</summary>
        public static int SeqOf(string reading)
        {
            int at = reading.IndexOf("\"seq\":");
            if (at < 0) return -1;
            int end = reading.IndexOf(",", at);
            return end < 0 ? -1 : Units.ParseCount(reading.Substring(at + 6, end - at - 6));
        }

        private void PublishReading(long now)
        {
            if (!client.Connected) return;
            int n = seq++;
            trips.Sent(n, now);
            try
            {
                client.Publish(topics.Telemetry, Reading(n, led.On), qos, false);
                state.Published++;
            }
            catch (Exception e)
            {
                state.PublishFailed++;
                log.Line("[warn] reading " + n + " not published: " + e.Message);
            }
        }

        private string StatusLine(long elapsedTicks, int messages, long windowTicks)
        {
            long windowMs = windowTicks / TimeSpan.TicksPerMillisecond;
            string rate = windowMs <= 0 ? "0" : Units.Hundredths((int)(messages * 100000L / windowMs));
            return (elapsedTicks / TimeSpan.TicksPerSecond) + " s  sent " + state.Published + "  echoed " + trips.Count
                + "  " + rate + " msg/s  rtt " + (trips.Count == 0 ? "-" : Units.Ms(trips.LastTicks) + " ms (min/mean/max " + trips.Summary() + ")")
                + "  interval " + state.IntervalMs + " ms  led " + DemoCommands.OnOff(led.On) + (client.Connected ? "" : "  [link down]");
        }

        private void OnMessage(MqttClient sender, string topic, byte[] payload)
        {
            long now = DateTime.UtcNow.Ticks;
            state.Received++;
            string text = new string(Encoding.UTF8.GetChars(payload));
            if (topic == topics.Telemetry)
            {
                trips.Echoed(SeqOf(text), now);
                return;
            }
            if (topic != topics.Command) return;
            state.Commands++;
            string answer = commands.Execute(text);
            try { sender.Publish(topics.Ack, answer, 1, false); }
            catch (Exception e) { log.Line("[warn] answer not published: " + e.Message); }
        }

        private void OnDisconnected(MqttClient sender, MqttDisconnectReason reason)
        {
            if (reason == MqttDisconnectReason.Requested) return;
            state.Disconnects++;
            log.Line("[warn] broker link lost (" + ReasonName(reason) + "); the library reconnects");
        }

        private void OnReconnected(MqttClient sender, MqttDisconnectReason reason)
        {
            log.Line("[ok]   reconnected, subscriptions restored");
        }

        private static string ReasonName(MqttDisconnectReason reason)
        {
            return reason == MqttDisconnectReason.Rebooted ? "ESP rebooted" : "link lost";
        }
    }
}
