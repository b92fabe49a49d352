using System;
using System.Collections;
using System.Text;
using System.Threading;
using Esp32At.Mqtt;

namespace Esp32At.CircuitPython.Mqtt
{
    /// <summary>Called from <see cref="MQTT.Loop"/> for each message (adafruit_minimqtt's <c>on_message(client, topic, message)</c>).</summary>
    public delegate void MqttOnMessage(MQTT client, string topic, string message);

    /// <summary>
    /// adafruit_minimqtt's <c>MQTT</c> over the ESP's own MQTT client (<see cref="MqttClient"/>) on the device of
    /// <see cref="Wifi.Device"/>: messages are queued and handed to <see cref="OnMessage"/> inside <see cref="Loop"/>,
    /// on the caller's thread, as MiniMQTT does.
    /// </summary>
    public sealed class MQTT
    {
        private readonly MqttClient client;
        private readonly MqttConnectOptions options;
        private readonly ArrayList inbox = new ArrayList();

        /// <summary><c>MQTT(broker, port=None, username=None, password=None, client_id=None, is_ssl=False, keep_alive=60)</c>.</summary>
        public MQTT(string broker, int port = 0, string username = null, string password = null, string clientId = null, bool isSsl = false, int keepAlive = 60)
        {
            var device = Wifi.Device;
            if (device == null) throw new InvalidOperationException("call Wifi.Init before creating an MQTT client");
            options = new MqttConnectOptions
            {
                Host = broker,
                Port = port != 0 ? port : isSsl ? 8883 : 1883,
                Username = username,
                Password = password,
                ClientId = clientId ?? "cpy" + (DateTime.UtcNow.Ticks % 100000000),
                KeepAliveSeconds = keepAlive,
                Scheme = isSsl ? MqttScheme.TlsVerifyServer : MqttScheme.Tcp,
            };
            client = new MqttClient(device);
            client.MessageReceived += (c, topic, payload) => { lock (inbox) inbox.Add(new object[] { topic, payload }); };
        }

        /// <summary><c>on_message</c>.</summary>
        public MqttOnMessage OnMessage { get; set; }

        /// <summary>The underlying client (TinyCLR style), e.g. for <c>Certificates</c>.</summary>
        public MqttClient Client { get { return client; } }

        /// <summary><c>will_set(topic, payload, qos=0, retain=False)</c>: before <see cref="Connect"/>.</summary>
        public void WillSet(string topic, string payload, int qos = 0, bool retain = false)
        {
            options.WillTopic = topic;
            options.WillMessage = payload;
            options.WillQos = qos;
            options.WillRetain = retain;
        }

        /// <summary><c>connect(clean_session=True)</c>.</summary>
        public void Connect(bool cleanSession = true)
        {
            options.CleanSession = cleanSession;
            client.Connect(options);
        }

        /// <summary><c>disconnect()</c>.</summary>
        public void Disconnect() { client.Disconnect(); }

        /// <summary><c>is_connected()</c>.</summary>
        public bool IsConnected() { return client.Connected; }

        /// <summary><c>publish(topic, msg, retain=False, qos=0)</c>.</summary>
        public void Publish(string topic, string msg, bool retain = false, int qos = 0) { client.Publish(topic, msg, qos, retain); }

        /// <summary><c>publish</c> with bytes.</summary>
        public void Publish(string topic, byte[] msg, bool retain = false, int qos = 0) { client.Publish(topic, msg, qos, retain); }

        /// <summary><c>subscribe(topic, qos=0)</c>.</summary>
        public void Subscribe(string topic, int qos = 0) { client.Subscribe(topic, qos); }

        /// <summary><c>unsubscribe(topic)</c>.</summary>
        public void Unsubscribe(string topic) { client.Unsubscribe(topic); }

        /// <summary><c>loop(timeout=1)</c>: waits up to <paramref name="timeoutSeconds"/> for messages and calls <see cref="OnMessage"/>; returns how many.</summary>
        public int Loop(double timeoutSeconds = 1)
        {
            var end = DateTime.UtcNow.Ticks + (long)(timeoutSeconds * TimeSpan.TicksPerSecond);
            int handled = 0;
            while (true)
            {
                object[] item = null;
                lock (inbox)
                {
                    if (inbox.Count > 0)
                    {
                        item = (object[])inbox[0];
                        inbox.RemoveAt(0);
                    }
                }
                if (item != null)
                {
                    var handler = OnMessage;
                    var payload = (byte[])item[1];
                    if (handler != null) handler(this, (string)item[0], new string(Encoding.UTF8.GetChars(payload, 0, payload.Length)));
                    handled++;
                    continue;
                }
                if (handled > 0 || DateTime.UtcNow.Ticks >= end) return handled;
                Thread.Sleep(10);
            }
        }
    }
}
