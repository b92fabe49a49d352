using System.Text;
using Esp32At.Emulator.Core;

namespace Esp32At.Emulator.Mqtt;

/// <summary>
/// The MQTT connection and message commands (Espressif's MQTT AT Commands): AT+MQTTCONN (set, query), AT+MQTTPUB,
/// AT+MQTTPUBRAW, AT+MQTTSUB (set, query), AT+MQTTUNSUB and AT+MQTTCLEAN, over the real client in <see cref="MqttSession"/>.
/// </summary>
public static class MqttConnectionCommands
{
    /// <summary>The largest AT+MQTTPUBRAW message the emulated heap takes (the docs: "limited by available memory").</summary>
    public const int MaxRawLength = 256 * 1024;

    public static void Register(EspEmulator emulator)
    {
        var t = emulator.Commands;
        t.Register("MQTTCONN", Conn);
        t.Register("MQTTPUB", Pub);
        t.Register("MQTTPUBRAW", PubRaw);
        t.Register("MQTTSUB", Sub);
        t.Register("MQTTUNSUB", Unsub);
        t.Register("MQTTCLEAN", Clean);
    }

    // AT+MQTTCONN=<LinkID>,<"host">,<port>,<reconnect>; the query: +MQTTCONN:<LinkID>,<state>,<scheme>,<"host">,<port>,<"path">,<reconnect>
    private static void Conn(CommandContext c)
    {
        var s = c.Emulator.MqttLink;
        if (c.Line.Kind == CommandKind.Query)
        {
            c.Info($"+MQTTCONN:0,{(int)s.State},{s.Config.Scheme},\"{s.Host}\",{s.Port},\"{MqttNotices.PathText(s.Config.Path)}\",{(s.Reconnect ? 1 : 0)}");
            return;
        }
        MqttArguments.Count(c, 4, 4);
        MqttArguments.LinkId(c);
        var host = MqttArguments.Text(c, 1, 128, MqttErrors.HostIsOverlength, MqttErrors.HostIsNull);
        int port = MqttArguments.Int(c, 2, 0, 65535, MqttErrors.PortValueIsWrong);
        int reconnect = MqttArguments.Int(c, 3, 0, 1, MqttErrors.ReconnectValueIsWrong);
        s.Connect(host, port, reconnect == 1);
    }

    // AT+MQTTPUB=<LinkID>,<"topic">,<"data">,<qos>,<retain>
    private static void Pub(CommandContext c)
    {
        MqttArguments.Count(c, 5, 5);
        MqttArguments.LinkId(c);
        var topic = Topic(c, 1);
        var data = MqttArguments.Text(c, 2, 256, MqttErrors.DataIsNull + 1, MqttErrors.DataIsNull);
        int qos = MqttArguments.Int(c, 3, 0, 2, MqttErrors.QosValueIsWrong);
        int retain = MqttArguments.Int(c, 4, 0, 1, MqttErrors.RetainValueIsWrong);
        if (!c.Emulator.MqttLink.Publish(topic, Encoding.UTF8.GetBytes(data), qos, retain == 1)) throw MqttErrors.Of(MqttErrors.ClientPublishFailed);
    }

    // AT+MQTTPUBRAW=<LinkID>,<"topic">,<length>,<qos>,<retain>: "OK" and ">", <length> bytes, then +MQTTPUB:OK or +MQTTPUB:FAIL.
    private static void PubRaw(CommandContext c)
    {
        MqttArguments.Count(c, 5, 5);
        MqttArguments.LinkId(c);
        var topic = Topic(c, 1);
        int length = MqttArguments.Int(c, 2, 1, MaxRawLength, MqttErrors.PublishLengthValueIsWrong);
        int qos = MqttArguments.Int(c, 3, 0, 2, MqttErrors.QosValueIsWrong);
        int retain = MqttArguments.Int(c, 4, 0, 1, MqttErrors.RetainValueIsWrong);
        var s = c.Emulator.MqttLink;
        if (!s.IsConnected) throw MqttErrors.Of(MqttErrors.InDisconnectedState);
        var prompt = c.Emulator.Profile.PromptInTwoWrites ? new[] { "\r\nOK\r\n", "\r\n>" } : ["\r\nOK\r\n\r\n>"];
        var data = c.ReadData(length, prompt);
        bool ok;
        try { ok = s.Publish(topic, data, qos, retain == 1); }
        catch (CommandException) { ok = false; } // disconnected while the data came in
        // The result replaces the final OK (the OK already went out before the prompt) [UNVERIFIED: CR LF framing].
        c.FinalResult = ok ? "\r\n+MQTTPUB:OK\r\n" : "\r\n+MQTTPUB:FAIL\r\n";
    }

    // AT+MQTTSUB=<LinkID>,<"topic">,<qos>; the query lists +MQTTSUB:<LinkID>,<state>,<"topic">,<qos>
    private static void Sub(CommandContext c)
    {
        var s = c.Emulator.MqttLink;
        if (c.Line.Kind == CommandKind.Query)
        {
            foreach (var (topic, qos) in s.Subscriptions) c.Info($"+MQTTSUB:0,{(int)s.State},\"{topic}\",{qos}");
            return;
        }
        MqttArguments.Count(c, 3, 3);
        MqttArguments.LinkId(c);
        var t = Topic(c, 1);
        int q = MqttArguments.Int(c, 2, 0, 2, MqttErrors.QosValueIsWrong);
        if (!s.Subscribe(t, q)) c.Info("ALREADY SUBSCRIBE");
    }

    // AT+MQTTUNSUB=<LinkID>,<"topic">
    private static void Unsub(CommandContext c)
    {
        MqttArguments.Count(c, 2, 2);
        MqttArguments.LinkId(c);
        var t = Topic(c, 1);
        if (!c.Emulator.MqttLink.Unsubscribe(t)) c.Info("NO UNSUBSCRIBE");
    }

    // AT+MQTTCLEAN=<LinkID>
    private static void Clean(CommandContext c)
    {
        MqttArguments.Count(c, 1, 1);
        MqttArguments.LinkId(c);
        c.Emulator.MqttLink.Clean();
    }

    private static string Topic(CommandContext c, int i) => MqttArguments.Text(c, i, 128, MqttErrors.TopicIsOverlength, MqttErrors.TopicIsNull);
}
