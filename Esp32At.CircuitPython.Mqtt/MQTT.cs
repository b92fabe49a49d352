using System;
using System.Collections;
using System.Text;
using System.Threading;
using Esp32At.Mqtt;

namespace Esp32At.CircuitPython.Mqtt
{
    /// <summary>
    /// adafruit_minimqtt's <c>MQTT</c> over the ESP's own MQTT client (<see cref="MqttClient"/>) on the device of
    /// <see cref="Wifi.Device"/>: messages are queued and handed to <see cref="OnMessage"/> inside <see cref="Loop"/>,
    /// on the caller's thread, as MiniMQTT does. <see cref="OnConnect"/>, <see cref="OnDisconnect"/>, <see cref="OnSubscribe"/>,
    /// <see cref="OnUnsubscribe"/> and <see cref="OnPublish"/> run on the caller's thread inside the call that caused them;
    /// a lost link, a reboot and the ESP coming back are reported inside <see cref="Loop"/>.
    /// </summary>
    public sealed class MQTT
    {
        private readonly MqttClient client;
        private readonly MqttConnectOptions options;
        private readonly ArrayList inbox = new ArrayList(); // object[] { topic, payload } or object[] { null, rc }: rc -1 = back
        private readonly ArrayList topicCallbacks = new ArrayList(); // object[] { filter, MqttOnMessage }
        private readonly ArrayList subscribed = new ArrayList(); // object[] { topic, qos }
        private bool cleanSession = true;
        private int pid;

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
            client.Disconnected += (c, reason) =>
            {
                if (reason != MqttDisconnectReason.Requested) lock (inbox) inbox.Add(new object[] { null, (int)reason });
            };
            client.Reconnected += (c, reason) => { lock (inbox) inbox.Add(new object[] { null, -1 }); };
        }

        /// <summary><c>user_data</c>: handed to the on_* callbacks.</summary>
        public object UserData { get; set; }

        /// <summary><c>on_connect</c>: after <see cref="Connect"/> and when the ESP is back after a lost link or reboot (in <see cref="Loop"/>).</summary>
        public MqttOnConnect OnConnect { get; set; }

        /// <summary><c>on_disconnect</c>: after <see cref="Disconnect"/> (rc 0), or in <see cref="Loop"/> after a lost link (1) or reboot (2).</summary>
        public MqttOnDisconnect OnDisconnect { get; set; }

        /// <summary><c>on_subscribe</c>: after the ESP took the subscription.</summary>
        public MqttOnSubscribe OnSubscribe { get; set; }

        /// <summary><c>on_unsubscribe</c>.</summary>
        public MqttOnTopicDone OnUnsubscribe { get; set; }

        /// <summary><c>on_publish</c>: after the ESP sent the message (QoS 1/2: acknowledged by the broker).</summary>
        public MqttOnTopicDone OnPublish { get; set; }

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
            this.cleanSession = cleanSession;
            options.CleanSession = cleanSession;
            client.Connect(options);
            var handler = OnConnect;
            if (handler != null) handler(this, UserData, 0, 0);
        }

        /// <summary><c>disconnect()</c>.</summary>
        public void Disconnect()
        {
            bool was = client.Connected;
            client.Disconnect();
            lock (subscribed) subscribed.Clear();
            var handler = OnDisconnect;
            if (was && handler != null) handler(this, UserData, 0);
        }

        /// <summary>
        /// <c>reconnect(resub_topics=True)</c>: disconnects when connected, connects again with the same settings and,
        /// when <paramref name="resubTopics"/>, subscribes the topics subscribed before. (The library also reconnects by
        /// itself after a reboot or a lost link.)
        /// </summary>
        public void Reconnect(bool resubTopics = true)
        {
            object[] topics;
            lock (subscribed) topics = subscribed.ToArray();
            if (client.Connected) Disconnect();
            Connect(cleanSession);
            if (!resubTopics) return;
            for (int i = 0; i < topics.Length; i++)
            {
                var t = (object[])topics[i];
                Subscribe((string)t[0], (int)t[1]);
            }
        }

        /// <summary>
        /// <c>ping()</c>: not available. ESP-AT has no command that sends a PINGREQ; the firmware pings the broker by itself
        /// every keep-alive interval and reports a dead broker as a lost link (<see cref="OnDisconnect"/>).
        /// </summary>
        public void Ping() { throw new NotSupportedException("ESP-AT has no PINGREQ command: the ESP sends keep-alive pings itself"); }

        /// <summary><c>add_topic_callback(topic, callback)</c>: messages matching <paramref name="filter"/> (wildcards allowed) go to <paramref name="callback"/> instead of <see cref="OnMessage"/>.</summary>
        public void AddTopicCallback(string filter, MqttOnMessage callback)
        {
            if (filter == null || filter.Length == 0) throw new ArgumentException("a topic filter is needed", "filter");
            if (callback == null) throw new ArgumentNullException("callback");
            lock (topicCallbacks)
            {
                RemoveTopicCallback(filter);
                topicCallbacks.Add(new object[] { filter, callback });
            }
        }

        /// <summary><c>remove_topic_callback(topic)</c>.</summary>
        public void RemoveTopicCallback(string filter)
        {
            lock (topicCallbacks)
                for (int i = topicCallbacks.Count - 1; i >= 0; i--)
                    if ((string)((object[])topicCallbacks[i])[0] == filter) topicCallbacks.RemoveAt(i);
        }

        /// <summary><c>is_connected()</c>.</summary>
        public bool IsConnected() { return client.Connected; }

        /// <summary><c>publish(topic, msg, retain=False, qos=0)</c>.</summary>
        public void Publish(string topic, string msg, bool retain = false, int qos = 0)
        {
            client.Publish(topic, msg, qos, retain);
            Done(OnPublish, topic);
        }

        /// <summary><c>publish</c> with bytes.</summary>
        public void Publish(string topic, byte[] msg, bool retain = false, int qos = 0)
        {
            client.Publish(topic, msg, qos, retain);
            Done(OnPublish, topic);
        }

        /// <summary><c>subscribe(topic, qos=0)</c>.</summary>
        public void Subscribe(string topic, int qos = 0)
        {
            client.Subscribe(topic, qos);
            lock (subscribed)
            {
                Forget(topic);
                subscribed.Add(new object[] { topic, qos });
            }
            var handler = OnSubscribe;
            if (handler != null) handler(this, UserData, topic, qos);
        }

        /// <summary><c>unsubscribe(topic)</c>.</summary>
        public void Unsubscribe(string topic)
        {
            client.Unsubscribe(topic);
            lock (subscribed) Forget(topic);
            Done(OnUnsubscribe, topic);
        }

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
                    Dispatch(item);
                    handled++;
                    continue;
                }
                if (handled > 0 || DateTime.UtcNow.Ticks >= end) return handled;
                Thread.Sleep(10);
            }
        }
    
        private void Dispatch(object[] item)
        {
            var topic = (string)item[0];
            if (topic == null)
            {
                int rc = (int)item[1];
                if (rc < 0)
                {
                    var connect = OnConnect;
                    if (connect != null) connect(this, UserData, 0, 0);
                }
                else
                {
                    var disconnect = OnDisconnect;
                    if (disconnect != null) disconnect(this, UserData, rc);
                }
                return;
            }
            var payload = (byte[])item[1];
            var message = new string(Encoding.UTF8.GetChars(payload, 0, payload.Length));
            MqttOnMessage handler = null;
            lock (topicCallbacks)
                for (int i = 0; i < topicCallbacks.Count && handler == null; i++)
                {
                    var entry = (object[])topicCallbacks[i];
                    if (TopicFilter.Matches((string)entry[0], topic)) handler = (MqttOnMessage)entry[1];
                }
            if (handler == null) handler = OnMessage;
            if (handler != null) handler(this, topic, message);
        }

        private void Done(MqttOnTopicDone handler, string topic)
        {
            int id = Interlocked.Increment(ref pid);
            if (handler != null) handler(this, UserData, topic, id);
        }

        private void Forget(string topic)
        {
            for (int i = subscribed.Count - 1; i >= 0; i--)
                if ((string)((object[])subscribed[i])[0] == topic) subscribed.RemoveAt(i);
        }
    }
}
