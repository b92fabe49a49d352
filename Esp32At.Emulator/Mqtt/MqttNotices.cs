using System.Text;

namespace Esp32At.Emulator.Mqtt;

/// <summary>The MQTT notices' exact bytes (Espressif's "MQTT AT Notes" and the MQTT AT examples).</summary>
public static class MqttNotices
{
    /// <summary>
    /// esp-mqtt's default buffer (1024 bytes) holds the whole PUBLISH packet: a message whose packet is longer reaches
    /// the host as several <c>+MQTTSUBRECV</c>, each with its own piece's length (Espressif's AT+MQTTSUB note).
    /// </summary>
    public const int BufferSize = 1024;

    /// <summary><c>+MQTTCONNECTED:0,&lt;scheme&gt;,"host","port","path",&lt;reconnect&gt;</c> (the port quoted, the path with its slash, as in the examples).</summary>
    public static string Connected(MqttSession s) =>
        $"+MQTTCONNECTED:0,{s.Config.Scheme},\"{s.Host}\",\"{s.Port}\",\"{PathText(s.Config.Path)}\",{(s.Reconnect ? 1 : 0)}";

    /// <summary>The path as the notices print it: <c>mqtt</c> → <c>/mqtt</c>, empty stays empty.</summary>
    public static string PathText(string path) => path.Length == 0 || path.StartsWith('/') ? path : "/" + path;

    /// <summary>The bytes of the <c>+MQTTSUBRECV:0,"topic",&lt;len&gt;,&lt;data&gt;\r\n</c> notices one message makes.</summary>
    public static IEnumerable<byte[]> SubRecv(string topic, byte[] payload, int qos)
    {
        int first = FirstPieceCapacity(topic, payload.Length, qos);
        int at = 0;
        do
        {
            int n = Math.Min(payload.Length - at, at == 0 ? first : BufferSize);
            yield return [.. Encoding.UTF8.GetBytes($"+MQTTSUBRECV:0,\"{topic}\",{n},"), .. payload.AsSpan(at, n), (byte)'\r', (byte)'\n'];
            at += n;
        }
        while (at < payload.Length);
    }

    /// <summary>Payload bytes that fit in the buffer with the PUBLISH packet's headers (fixed header, topic, packet id).</summary>
    public static int FirstPieceCapacity(string topic, int payloadLength, int qos)
    {
        int variable = 2 + Encoding.UTF8.GetByteCount(topic) + (qos > 0 ? 2 : 0);
        int remaining = variable + payloadLength;
        int lengthBytes = remaining < 128 ? 1 : remaining < 16_384 ? 2 : remaining < 2_097_152 ? 3 : 4;
        return Math.Max(1, BufferSize - 1 - lengthBytes - variable);
    }
}
