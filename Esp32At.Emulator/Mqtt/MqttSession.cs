using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Esp32At.Emulator.Core;
using Esp32At.Emulator.Network;
using MQTTnet;
using MQTTnet.Protocol;

namespace Esp32At.Emulator.Mqtt;

/// <summary>
/// The firmware's MQTT link 0: the configuration the AT commands set and a real MQTT 3.1.1 client (MQTTnet) that
/// talks to a real broker, so what the emulated ESP publishes reaches other subscribers and their messages come back
/// as <c>+MQTTSUBRECV</c>. TLS schemes use a real TLS connection with the <c>mqtt_*</c> certificates in mfg_nvs.
/// </summary>
public sealed class MqttSession(EspEmulator emulator)
{
    /// <summary>Most topics one link subscribes to (Espressif's AT+MQTTSUB: up to 10).</summary>
    public const int MaxSubscriptions = 10;
    private const int CommandTimeoutMs = 15_000;
    private const int ReconnectIntervalMs = 1_000;

    private readonly object gate = new();
    private readonly List<(string Topic, int Qos)> subscriptions = [];
    private IMqttClient? client;
    private IMqttClient? broken; // the client of a broken link, kept open until the reconnect has taken over its session
    private int generation; // a client of an earlier connection never reports after MQTTCLEAN or a reboot

    public MqttConfig Config { get; private set; } = new();
    public MqttState State { get; private set; }
    public string Host { get; private set; } = "";
    public int Port { get; private set; }
    public bool Reconnect { get; private set; }

    /// <summary>The topics subscribed to, in subscription order.</summary>
    public IReadOnlyList<(string Topic, int Qos)> Subscriptions { get { lock (gate) return subscriptions.ToList(); } }

    public bool IsConnected => State is MqttState.Connected or MqttState.ConnectedNoSubscription or MqttState.Subscribed;

    /// <summary>AT+MQTTUSERCFG: a new configuration (only before a connection).</summary>
    public void Configure(MqttConfig config)
    {
        lock (gate)
        {
            if (IsConnected) throw MqttErrors.Of(MqttErrors.AlreadyConnected);
            Config = config;
            State = MqttState.UserConfigured;
        }
    }

    /// <summary>Throws unless AT+MQTTUSERCFG was set (the LONG commands, CONNCFG, ALPN, SNI, CONN need it).</summary>
    public MqttConfig RequireConfigured()
    {
        lock (gate) return State == MqttState.Uninitialized ? throw MqttErrors.Of(MqttErrors.NoConfigured) : Config;
    }

    /// <summary>AT+MQTTCONNCFG went through.</summary>
    public void MarkConnectionConfigured()
    {
        lock (gate) if (State == MqttState.UserConfigured) State = MqttState.ConnectionConfigured;
    }

    /// <summary>AT+MQTTCONN: connects (blocking) and writes <c>+MQTTCONNECTED</c> before the command's OK.</summary>
    public void Connect(string host, int port, bool reconnect)
    {
        int gen;
        IMqttClient? taken;
        lock (gate)
        {
            RequireConfigured();
            if (IsConnected || client is not null) throw MqttErrors.Of(MqttErrors.AlreadyConnected);
            Host = host;
            Port = port;
            Reconnect = reconnect;
            gen = ++generation;
        }
        if (!HasNetwork) throw MqttErrors.Of(MqttErrors.ClientStartFailed);
        var address = emulator.Links.Dns.Resolve(host) ?? throw MqttErrors.Of(MqttErrors.ClientStartFailed);
        var fresh = new MqttClientFactory().CreateMqttClient();
        try
        {
            fresh.ConnectAsync(Options(address), Timeout()).GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is not CommandException)
        {
            fresh.Dispose();
            lock (gate) if (gen == generation) State = MqttState.Disconnected;
            throw MqttErrors.Of(MqttErrors.ClientStartFailed);
        }
        lock (gate)
        {
            if (gen != generation)
            {
                fresh.Dispose();
                throw MqttErrors.Of(MqttErrors.ClientStartFailed);
            }
            client = fresh;
            State = MqttState.Connected;
            taken = broken;
            broken = null;
        }
        taken?.Dispose(); // a broken link's connection, which this one has taken over at the broker
        Attach(fresh, gen);
        emulator.Output(MqttNotices.Connected(this) + "\r\n");
    }

    /// <summary>Publishes (QoS 1 and 2 wait for the broker's acknowledgement); false when it failed.</summary>
    public bool Publish(string topic, byte[] payload, int qos, bool retain)
    {
        var c = ConnectedClient();
        var message = new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload)
            .WithQualityOfServiceLevel((MqttQualityOfServiceLevel)qos).WithRetainFlag(retain).Build();
        try
        {
            var result = c.PublishAsync(message, Timeout()).GetAwaiter().GetResult();
            return result.IsSuccess;
        }
        catch (Exception e) when (e is not CommandException)
        {
            return false;
        }
    }

    /// <summary>AT+MQTTSUB; false when the topic was subscribed already ("ALREADY SUBSCRIBE").</summary>
    public bool Subscribe(string topic, int qos)
    {
        var c = ConnectedClient();
        lock (gate)
        {
            if (subscriptions.Any(s => s.Topic == topic)) return false;
            if (subscriptions.Count >= MaxSubscriptions) throw MqttErrors.Of(MqttErrors.ClientSubscribeFailed);
        }
        try
        {
            var result = c.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter(topic, (MqttQualityOfServiceLevel)qos).Build(), Timeout())
                .GetAwaiter().GetResult();
            if (result.Items.Any(i => (int)i.ResultCode > 2)) throw MqttErrors.Of(MqttErrors.ClientSubscribeFailed);
        }
        catch (Exception e) when (e is not CommandException)
        {
            throw MqttErrors.Of(MqttErrors.ClientSubscribeFailed);
        }
        lock (gate)
        {
            subscriptions.Add((topic, qos));
            State = MqttState.Subscribed;
        }
        return true;
    }

    /// <summary>AT+MQTTUNSUB; false when the topic was not subscribed ("NO UNSUBSCRIBE").</summary>
    public bool Unsubscribe(string topic)
    {
        var c = ConnectedClient();
        lock (gate) if (!subscriptions.Any(s => s.Topic == topic)) return false;
        try
        {
            c.UnsubscribeAsync(new MqttClientUnsubscribeOptionsBuilder().WithTopicFilter(topic).Build(), Timeout()).GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is not CommandException)
        {
            throw MqttErrors.Of(MqttErrors.ClientUnsubscribeFailed);
        }
        lock (gate)
        {
            subscriptions.RemoveAll(s => s.Topic == topic);
            if (subscriptions.Count == 0 && IsConnected) State = MqttState.Connected;
        }
        return true;
    }

    /// <summary>AT+MQTTCLEAN: a clean MQTT DISCONNECT and back to uninitialised.</summary>
    public void Clean()
    {
        IMqttClient? old;
        lock (gate)
        {
            if (State == MqttState.Uninitialized) throw MqttErrors.Of(MqttErrors.UninitiatedOrAlreadyClean);
            old = Reset();
        }
        if (old is null) return;
        try { old.DisconnectAsync(new MqttClientDisconnectOptions(), Timeout()).GetAwaiter().GetResult(); }
        catch (Exception) { /* the broker went away first: the resource is released all the same */ }
        old.Dispose();
    }

    /// <summary>A reboot or power loss: the TCP connection dies without an MQTT DISCONNECT, so the broker sends the will.</summary>
    public void Drop()
    {
        IMqttClient? old;
        lock (gate) old = Reset();
        old?.Dispose();
    }

    /// <summary>The link to the broker breaks (e.g. Wi-Fi loss): no DISCONNECT packet, the firmware reports it.</summary>
    public void BreakLink()
    {
        IMqttClient? c;
        int gen;
        lock (gate)
        {
            c = client;
            gen = generation;
        }
        if (c is null) return;
        // A broken link sends nothing: the broker learns of it from the reconnect, which takes the session over. The
        // old connection stays open (silent, its messages dropped) until then: closing it first would race the
        // broker's clean-up of it against the new connection (MQTTnet's broker then deletes the new session with
        // its subscriptions when the clean-up lands just after the takeover).
        if (Lost(c, gen)) lock (gate) broken = c;
        else c.Dispose(); // MQTTnet's Dispose sends no DISCONNECT and raises no event
    }

    /// <summary>The broker connection of <paramref name="c"/> is gone: <c>+MQTTDISCONNECTED:0</c>, then reconnect=1 retries.</summary>
    /// <returns>True when a reconnect was started.</returns>
    private bool Lost(IMqttClient c, int gen)
    {
        bool again;
        lock (gate)
        {
            if (gen != generation || !ReferenceEquals(client, c)) return false;
            State = MqttState.Disconnected;
            client = null;
            again = Reconnect;
        }
        emulator.Output("+MQTTDISCONNECTED:0\r\n");
        if (again) new Thread(() => ReconnectLoop(gen)) { IsBackground = true, Name = "esp-at mqtt reconnect" }.Start();
        return again;
    }

    // The station lost its AP (reconnecting: 3, or given up/left: 4): no route to any broker until it has an IP again.
    private bool HasNetwork => emulator.State.WifiState is not (3 or 4);

    private IMqttClient? Reset()
    {
        generation++;
        var old = client;
        client = null;
        broken?.Dispose();
        broken = null;
        subscriptions.Clear();
        Config = new MqttConfig();
        State = MqttState.Uninitialized;
        Host = "";
        Port = 0;
        Reconnect = false;
        return old;
    }

    private IMqttClient ConnectedClient()
    {
        lock (gate)
        {
            if (State == MqttState.Uninitialized) throw MqttErrors.Of(MqttErrors.NoConfigured);
            if (!IsConnected || client is null) throw MqttErrors.Of(MqttErrors.InDisconnectedState);
            return client;
        }
    }

    private void Attach(IMqttClient c, int gen)
    {
        c.ApplicationMessageReceivedAsync += e =>
        {
            lock (gate) if (gen != generation || !ReferenceEquals(client, c)) return Task.CompletedTask;
            var m = e.ApplicationMessage;
            foreach (var notice in MqttNotices.SubRecv(m.Topic, System.Buffers.BuffersExtensions.ToArray(m.Payload), (int)m.QualityOfServiceLevel)) emulator.Output(notice);
            return Task.CompletedTask;
        };
        c.DisconnectedAsync += _ =>
        {
            Lost(c, gen);
            return Task.CompletedTask;
        };
    }

    // reconnect=1: the firmware keeps trying and re-subscribes its topics [UNVERIFIED: Espressif's docs only say
    // "MQTT will reconnect automatically"].
    private void ReconnectLoop(int gen)
    {
        IMqttClient? taken;
        while (true)
        {
            emulator.Clock.Delay(ReconnectIntervalMs);
            lock (gate) if (gen != generation) return;
            if (!HasNetwork) continue;
            var address = emulator.Links.Dns.Resolve(Host);
            if (address is null) continue;
            var fresh = new MqttClientFactory().CreateMqttClient();
            try
            {
                fresh.ConnectAsync(Options(address), Timeout()).GetAwaiter().GetResult();
                foreach (var (topic, qos) in Subscriptions)
                    fresh.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter(topic, (MqttQualityOfServiceLevel)qos).Build(), Timeout()).GetAwaiter().GetResult();
            }
            catch (Exception)
            {
                fresh.Dispose();
                continue;
            }
            lock (gate)
            {
                if (gen != generation)
                {
                    fresh.Dispose();
                    return;
                }
                client = fresh;
                State = subscriptions.Count > 0 ? MqttState.Subscribed : MqttState.Connected;
                taken = broken;
                broken = null;
            }
            taken?.Dispose(); // the broker has handed its session to the new connection
            Attach(fresh, gen);
            emulator.Output(MqttNotices.Connected(this) + "\r\n");
            return;
        }
    }

    private MqttClientOptions Options(IPAddress address)
    {
        var cfg = Config;
        var b = new MqttClientOptionsBuilder()
            .WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V311)
            .WithClientId(cfg.ClientId)
            .WithKeepAlivePeriod(TimeSpan.FromSeconds(cfg.KeepAlive == 0 ? 120 : cfg.KeepAlive))
            .WithCleanSession(!cfg.DisableCleanSession)
            .WithTimeout(TimeSpan.FromMilliseconds(CommandTimeoutMs));
        if (cfg.Username.Length > 0) b = b.WithCredentials(cfg.Username, cfg.Password);
        if (cfg.LwtTopic.Length > 0)
            b = b.WithWillTopic(cfg.LwtTopic).WithWillPayload(System.Text.Encoding.UTF8.GetBytes(cfg.LwtMessage))
                .WithWillQualityOfServiceLevel((MqttQualityOfServiceLevel)cfg.LwtQos).WithWillRetain(cfg.LwtRetain);
        if (cfg.IsWebSocket)
        {
            var scheme = cfg.IsTls ? "wss" : "ws";
            b = b.WithWebSocketServer(o => o.WithUri($"{scheme}://{address}:{Port}/{cfg.Path.TrimStart('/')}"));
            if (cfg.IsTls) b = b.WithTlsOptions(o => WebSocketTls(o, cfg));
        }
        else
        {
            // Schemes 1-5: the emulator's own connection (and TLS handshake), on this thread; see MqttBrokerLink.
            var endpoint = new IPEndPoint(address, Port);
            var link = MqttBrokerLink.Open(endpoint, cfg.IsTls ? Tls(cfg) : null, CommandTimeoutMs);
            b = b.WithTcpServer(address.ToString(), Port).WithStreamProvider(link);
        }
        return b.Build();
    }

    private SslClientAuthenticationOptions Tls(MqttConfig cfg)
    {
        var (name, certificate, validator) = TlsParts(cfg);
        var options = new SslClientAuthenticationOptions
        {
            TargetHost = name,
            EnabledSslProtocols = System.Security.Authentication.SslProtocols.Tls12,
            CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
            RemoteCertificateValidationCallback = validator,
        };
        if (cfg.Alpn.Count > 0) options.ApplicationProtocols = cfg.Alpn.Select(a => new SslApplicationProtocol(a)).ToList();
        if (certificate is not null) options.ClientCertificates = [certificate];
        return options;
    }

    private void WebSocketTls(MqttClientTlsOptionsBuilder o, MqttConfig cfg)
    {
        var (name, certificate, validator) = TlsParts(cfg);
        o.UseTls().WithTargetHost(name).WithSslProtocols(System.Security.Authentication.SslProtocols.Tls12);
        if (cfg.Alpn.Count > 0) o.WithApplicationProtocols(cfg.Alpn.Select(a => new SslApplicationProtocol(a)).ToList());
        if (certificate is not null) o.WithClientCertificates([certificate]);
        o.WithCertificateValidationHandler(e => validator(this, e.Certificate, e.Chain, e.SslPolicyErrors));
    }

    // The name checked (SNI or host), the client certificate (schemes 4, 5, 9, 10) and the check against mqtt_ca.0.
    private (string Name, X509Certificate2? Certificate, RemoteCertificateValidationCallback Validator) TlsParts(MqttConfig cfg)
    {
        var mfg = emulator.Mfg;
        var name = cfg.Sni ?? Host;
        X509Certificate2? cert = null;
        if (cfg.PresentsCertificate)
            cert = TlsHandshake.LoadWithKey(mfg, "mqtt_cert", "mqtt_cert.0", "mqtt_key", "mqtt_key.0") ?? throw MqttErrors.Of(MqttErrors.TlsConfigError);
        X509Certificate2? ca = null;
        if (cfg.VerifiesServer)
            ca = TlsHandshake.LoadCertificate(mfg, "mqtt_ca", "mqtt_ca.0") ?? throw MqttErrors.Of(MqttErrors.TlsConfigError);
        return (name, cert, MqttBrokerLink.Validator(cfg.VerifiesServer, ca, name, emulator.Radio.UtcNow()));
    }

    private static CancellationToken Timeout() => new CancellationTokenSource(CommandTimeoutMs).Token;
}
