using System;
using System.Collections;
using System.Text;
using Esp32At.Device;
using Esp32At.Engine;
using Esp32At.Links;

namespace Esp32At.Mqtt
{
    /// <summary>
    /// An MQTT 3.1.1 client that runs on the ESP (AT+MQTT*): the board keeps no MQTT or TLS state. Connect, publish
    /// (QoS 0-2, retain, binary through AT+MQTTPUBRAW), subscribe with a <see cref="MessageReceived"/> event,
    /// disconnect; after a reboot of the ESP or a lost link it connects and subscribes again by itself.
    /// Bad arguments throw before anything is written; the password and the long fields go as prompted data, which the
    /// trace shows as a byte count only.
    /// </summary>
    public sealed partial class MqttClient : IRestorable, IDisposable
    {
        /// <summary>Longest topic the firmware takes (128 bytes).</summary>
        public const int MaxTopicBytes = 128;
        /// <summary>Longest client id, user name or password (AT+MQTTLONG*: 1024 bytes).</summary>
        public const int MaxFieldBytes = 1024;
        /// <summary>Largest payload this client publishes (the firmware's limit is its free heap).</summary>
        public const int MaxPayloadBytes = 65536;
        /// <summary>Most topics the firmware subscribes to at once.</summary>
        public const int MaxSubscriptions = 10;

        private const int CommandTimeoutMs = 10000;
        private const int ConnectTimeoutMs = 20000;
        private const int LineLimit = 256;

        private readonly Esp32AtDevice device;
        private readonly AtExecutor executor;
        private readonly object gate = new object();
        private readonly ArrayList subscriptions = new ArrayList(); // string topic, int qos, in order
        private readonly ArrayList subscriptionQos = new ArrayList();
        private MqttConnectOptions options; // what the caller asked for: null after Disconnect
        private bool connected;

        /// <summary>Uses <paramref name="device"/> (initialised) and registers the MQTT notices on its URC table.</summary>
        public MqttClient(Esp32AtDevice device)
        {
            if (device == null) throw new ArgumentNullException("device");
            if (device.Capabilities == null) throw new InvalidOperationException("initialise the device before creating its MQTT client");
            this.device = device;
            executor = device.Executor;
            Certificates = new CertificateStore(device);
            executor.Urcs.Register(MqttCommands.ConnectedUrc, OnConnectedUrc);
            executor.Urcs.Register(MqttCommands.DisconnectedUrc, OnDisconnectedUrc);
            executor.MqttPieceStart = OnPieceStart;
            executor.MqttPieceData = OnPieceData;
            executor.Rebooted += OnRebooted;
            device.AddRestorable(this);
            StartDelivery();
        }

        /// <summary>Loads the CA (<see cref="CertificateStore.LoadMqttCa"/>) and client certificate the TLS schemes use.</summary>
        public CertificateStore Certificates { get; private set; }

        /// <summary>Whether the ESP is connected to the broker now.</summary>
        public bool Connected { get { lock (gate) return connected; } }

        /// <summary>A message arrived on a subscribed topic.</summary>
        public event MqttMessageHandler MessageReceived;

        /// <summary>The connection ended (the reason says whether it was asked for).</summary>
        public event MqttDisconnectedHandler Disconnected;

        /// <summary>The connection came back after a reboot or a lost link (subscriptions restored).</summary>
        public event MqttDisconnectedHandler Reconnected;

        /// <summary>Connects to the broker per <paramref name="connectOptions"/> (blocking).</summary>
        public void Connect(MqttConnectOptions connectOptions)
        {
            Validate(connectOptions);
            lock (gate)
            {
                if (connected) throw new InvalidOperationException("the MQTT client is connected already; call Disconnect first");
                options = connectOptions;
            }
            ConnectNow(connectOptions);
        }

        /// <summary>Closes the connection (AT+MQTTCLEAN) and forgets the subscriptions.</summary>
        public void Disconnect()
        {
            bool was;
            lock (gate)
            {
                was = connected;
                connected = false;
                options = null;
                subscriptions.Clear();
                subscriptionQos.Clear();
            }
            RunIgnoringError(MqttCommands.Clean);
            if (was) Queue(DisconnectedEvent(MqttDisconnectReason.Requested));
        }

        private void ConnectNow(MqttConnectOptions o)
        {
            RunIgnoringError(MqttCommands.Clean); // a configuration left from an earlier attempt blocks USERCFG
            bool longFields = device.Version.AtLeast(3, 0);
            var cmd = new AtCommandBuffer(LineLimit + 64).Append(MqttCommands.UserConfig).Append((int)o.Scheme).Append(",");
            if (longFields) cmd.AppendQuoted("esp", "ClientId").Append(",\"\",\"\"");
            else cmd.AppendQuoted(o.ClientId, "ClientId").Append(",").AppendQuoted(o.Username ?? "", "Username").Append(",").AppendQuoted(o.Password ?? "", "Password");
            cmd.Append(MqttCommands.CertIds).AppendQuoted(o.Path ?? "", "Path").AppendLineEnd();
            if (cmd.Length > LineLimit) throw new ArgumentException("client id, user name and password do not fit one AT+MQTTUSERCFG line on firmware " + device.Version + " (v3.0+ sends them separately)");
            Run(cmd, CommandTimeoutMs, "AT+MQTTUSERCFG");
            if (longFields)
            {
                SendField(MqttCommands.LongClientId, o.ClientId);
                if (o.Username != null && o.Username.Length > 0) SendField(MqttCommands.LongUsername, o.Username);
                if (o.Password != null && o.Password.Length > 0) SendField(MqttCommands.LongPassword, o.Password);
            }
            cmd = new AtCommandBuffer(LineLimit + 64).Append(MqttCommands.ConnectionConfig).Append(o.KeepAliveSeconds).Append(o.CleanSession ? ",0," : ",1,")
                .AppendQuoted(o.WillTopic ?? "", "WillTopic").Append(",").AppendQuoted(o.WillMessage ?? "", "WillMessage").Append(",")
                .Append(o.WillQos).Append(o.WillRetain ? ",1" : ",0").AppendLineEnd();
            Run(cmd, CommandTimeoutMs, "AT+MQTTCONNCFG");
            if (o.Alpn != null && o.Alpn.Length > 0)
            {
                cmd = new AtCommandBuffer(LineLimit + 64).Append(MqttCommands.Alpn).Append(o.Alpn.Length);
                for (int i = 0; i < o.Alpn.Length; i++) cmd.Append(",").AppendQuoted(o.Alpn[i], "Alpn");
                Run(cmd.AppendLineEnd(), CommandTimeoutMs, "AT+MQTTALPN");
            }
            if (o.ServerName != null) Run(new AtCommandBuffer().Append(MqttCommands.Sni).AppendQuoted(o.ServerName, "ServerName").AppendLineEnd(), CommandTimeoutMs, "AT+MQTTSNI");
            cmd = new AtCommandBuffer().Append(MqttCommands.Connect).AppendQuoted(o.Host, "Host").Append(",").Append(o.Port).Append(",0").AppendLineEnd();
            // reconnect=0: the library reconnects itself, so it knows when subscriptions must be sent again.
            Run(cmd, ConnectTimeoutMs, "AT+MQTTCONN");
            lock (gate) connected = true;
        }

        private void SendField(string command, string value)
        {
            var bytes = Encoding.UTF8.GetBytes(value);
            var cmd = new AtCommandBuffer().Append(command).Append(bytes.Length).AppendLineEnd();
            var code = executor.Send(cmd, bytes, 0, bytes.Length, CommandTimeoutMs);
            if (code != AtResultCode.Ok && code != AtResultCode.SendOk)
                throw new AtCommandException(command.Substring(0, command.Length - 3), null, "the ESP refused the field: " + code);
        }

        private void Run(AtCommandBuffer cmd, int timeoutMs, string name)
        {
            var response = new AtResponse();
            var code = executor.Run(cmd, response, timeoutMs, true);
            if (code != AtResultCode.Ok) throw new AtCommandException(name, response.ErrorDetail, name + " failed: " + code + (response.ErrorDetail != null ? " (" + response.ErrorDetail + ")" : ""));
        }

        private void RunIgnoringError(string command)
        {
            try { executor.Execute(command, CommandTimeoutMs); }
            catch (AtCommandException) { /* nothing to clean */ }
        }
    }
}
