using System.Text;
using Esp32At.Emulator.Core;

namespace Esp32At.Emulator.Mqtt;

/// <summary>
/// The MQTT configuration commands (Espressif's MQTT AT Commands): AT+MQTTUSERCFG, AT+MQTTLONGCLIENTID/LONGUSERNAME/
/// LONGPASSWORD (v3.0+; v2.x has AT+MQTTCLIENTID/USERNAME/PASSWORD with a quoted argument), AT+MQTTCONNCFG,
/// AT+MQTTALPN (v2.3+) and AT+MQTTSNI (v3.3+).
/// </summary>
public static class MqttConfigCommands
{
    /// <summary>Range of the LONG commands' length: [1,1024].</summary>
    private const int LongMax = 1024;

    public static void Register(EspEmulator emulator)
    {
        var t = emulator.Commands;
        var p = emulator.Profile;
        t.Register("MQTTUSERCFG", UserCfg);
        if (p.HasMqttLongCommands)
        {
            t.Register("MQTTLONGCLIENTID", c => Long(c, MqttErrors.ClientIdIsOverlength, (cfg, v) => cfg.ClientId = v));
            t.Register("MQTTLONGUSERNAME", c => Long(c, MqttErrors.UsernameIsOverlength, (cfg, v) => cfg.Username = v));
            t.Register("MQTTLONGPASSWORD", c => Long(c, MqttErrors.PasswordIsOverlength, (cfg, v) => cfg.Password = v));
        }
        else
        {
            t.Register("MQTTCLIENTID", c => Short(c, MqttErrors.ClientIdIsOverlength, (cfg, v) => cfg.ClientId = v));
            t.Register("MQTTUSERNAME", c => Short(c, MqttErrors.UsernameIsOverlength, (cfg, v) => cfg.Username = v));
            t.Register("MQTTPASSWORD", c => Short(c, MqttErrors.PasswordIsOverlength, (cfg, v) => cfg.Password = v));
        }
        t.Register("MQTTCONNCFG", ConnCfg);
        if (p.HasMqttAlpn) t.Register("MQTTALPN", Alpn);
        if (p.HasMqttSni) t.Register("MQTTSNI", Sni);
    }

    // AT+MQTTUSERCFG=<LinkID>,<scheme>,<"client_id">,<"username">,<"password">,<cert_key_ID>,<CA_ID>,<"path">
    private static void UserCfg(CommandContext c)
    {
        MqttArguments.Count(c, 8, 8);
        MqttArguments.LinkId(c);
        var cfg = new MqttConfig
        {
            Scheme = MqttArguments.Int(c, 1, 1, 10, MqttErrors.SchemeValueIsWrong),
            ClientId = MqttArguments.Text(c, 2, 256, MqttErrors.ClientIdIsOverlength, MqttErrors.ClientIdIsNull),
            Username = MqttArguments.Text(c, 3, 64, MqttErrors.UsernameIsOverlength),
            Password = MqttArguments.Text(c, 4, 64, MqttErrors.PasswordIsOverlength),
        };
        MqttArguments.Int(c, 5, 0, 0, MqttErrors.CertKeyIdValueIsWrong);
        MqttArguments.Int(c, 6, 0, 0, MqttErrors.CaIdValueIsWrong);
        cfg.Path = MqttArguments.Text(c, 7, 32, MqttErrors.PathIsOverlength);
        c.Emulator.MqttLink.Configure(cfg);
    }

    // AT+MQTTLONGxxx=<LinkID>,<length>, then "OK\r\n\r\n>" and exactly <length> bytes, then OK.
    private static void Long(CommandContext c, int overlength, Action<MqttConfig, string> set)
    {
        MqttArguments.Count(c, 2, 2);
        MqttArguments.LinkId(c);
        int length = MqttArguments.Int(c, 1, 1, LongMax, overlength);
        var cfg = c.Emulator.MqttLink.RequireConfigured();
        var prompt = c.Emulator.Profile.PromptInTwoWrites ? new[] { "\r\nOK\r\n", "\r\n>" } : ["\r\nOK\r\n\r\n>"];
        var data = c.ReadData(length, prompt);
        set(cfg, Encoding.UTF8.GetString(data));
    }

    // v2.x: AT+MQTTCLIENTID=<LinkID>,<"client_id"> (the whole line under 256 bytes).
    private static void Short(CommandContext c, int overlength, Action<MqttConfig, string> set)
    {
        MqttArguments.Count(c, 2, 2);
        MqttArguments.LinkId(c);
        var value = MqttArguments.Text(c, 1, LongMax, overlength);
        set(c.Emulator.MqttLink.RequireConfigured(), value);
    }

    // AT+MQTTCONNCFG=<LinkID>,<keepalive>,<disable_clean_session>,<"lwt_topic">,<"lwt_msg">,<lwt_qos>,<lwt_retain>
    private static void ConnCfg(CommandContext c)
    {
        MqttArguments.Count(c, 7, 7);
        MqttArguments.LinkId(c);
        int keepAlive = MqttArguments.Int(c, 1, 0, 7200, MqttErrors.KeepaliveValueIsWrong);
        int disableClean = MqttArguments.Int(c, 2, 0, 1, MqttErrors.DisableCleanSessionValueIsWrong);
        var topic = MqttArguments.Text(c, 3, 128, MqttErrors.LwtTopicIsOverlength);
        var message = MqttArguments.Text(c, 4, c.Emulator.Profile.MqttLwtMessageMax, MqttErrors.LwtMsgIsOverlength);
        int qos = MqttArguments.Int(c, 5, 0, 2, MqttErrors.LwtQosValueIsWrong);
        int retain = MqttArguments.Int(c, 6, 0, 1, MqttErrors.LwtRetainValueIsWrong);
        var cfg = c.Emulator.MqttLink.RequireConfigured();
        cfg.KeepAlive = keepAlive;
        cfg.DisableCleanSession = disableClean == 1;
        cfg.LwtTopic = topic;
        cfg.LwtMessage = message;
        cfg.LwtQos = qos;
        cfg.LwtRetain = retain == 1;
        c.Emulator.MqttLink.MarkConnectionConfigured();
    }

    // AT+MQTTALPN=<LinkID>,<alpn_counts>[,<"alpn">]... (0 clears; at most 5)
    private static void Alpn(CommandContext c)
    {
        MqttArguments.Count(c, 2, 7);
        MqttArguments.LinkId(c);
        int count = MqttArguments.Int(c, 1, 0, 5, MqttErrors.ParameterCountsIsWrong);
        if (c.Line.Count != 2 + count) throw MqttErrors.Of(MqttErrors.ParameterCountsIsWrong);
        var list = new List<string>();
        for (int i = 0; i < count; i++) list.Add(MqttArguments.Text(c, 2 + i, 255, MqttErrors.ParameterCountsIsWrong, MqttErrors.ParameterCountsIsWrong));
        c.Emulator.MqttLink.RequireConfigured().Alpn = list;
    }

    // AT+MQTTSNI=<LinkID>,<"sni">
    private static void Sni(CommandContext c)
    {
        MqttArguments.Count(c, 2, 2);
        MqttArguments.LinkId(c);
        var sni = MqttArguments.Text(c, 1, 255, MqttErrors.HostIsOverlength, MqttErrors.HostIsNull);
        c.Emulator.MqttLink.RequireConfigured().Sni = sni;
    }
}
