using System;
using System.Text;

namespace Esp32At.Mqtt
{
    // Argument checks: every limit of the firmware is a clear exception before a byte goes to the ESP.
    public sealed partial class MqttClient
    {
        private void Validate(MqttConnectOptions o)
        {
            if (o == null) throw new ArgumentNullException("connectOptions");
            CheckText(o.Host, "Host", 1, 128);
            if (o.Port < 1 || o.Port > 65535) throw new ArgumentOutOfRangeException("Port", "port must be 1 to 65535");
            if ((int)o.Scheme < 1 || (int)o.Scheme > 10) throw new ArgumentOutOfRangeException("Scheme", "scheme must be one of MqttScheme");
            CheckText(o.ClientId, "ClientId", 1, MaxFieldBytes);
            if (o.Username != null) CheckText(o.Username, "Username", 0, MaxFieldBytes);
            if (o.Password != null) CheckText(o.Password, "Password", 0, MaxFieldBytes);
            if (o.KeepAliveSeconds < 1 || o.KeepAliveSeconds > 7200) throw new ArgumentOutOfRangeException("KeepAliveSeconds", "keep-alive must be 1 to 7200 seconds");
            if (o.WillTopic != null)
            {
                CheckTopic(o.WillTopic, "WillTopic");
                CheckText(o.WillMessage ?? "", "WillMessage", 0, device.Version.AtLeast(3, 0) ? 128 : 64);
                CheckQos(o.WillQos, "WillQos");
            }
            else if (o.WillMessage != null) throw new ArgumentException("WillMessage needs a WillTopic", "WillMessage");
            if (o.Path != null) CheckText(o.Path, "Path", 0, 32);
            if (o.ServerName != null)
            {
                if (!device.Version.AtLeast(3, 3)) throw new NotSupportedException("firmware " + device.Version + " has no AT+MQTTSNI (v3.3+)");
                CheckText(o.ServerName, "ServerName", 1, 128);
            }
            if (o.Alpn != null)
            {
                if (!device.Version.AtLeast(2, 3)) throw new NotSupportedException("firmware " + device.Version + " has no AT+MQTTALPN (v2.3+)");
                if (o.Alpn.Length > 5) throw new ArgumentException("at most 5 ALPN protocols", "Alpn");
                for (int i = 0; i < o.Alpn.Length; i++) CheckText(o.Alpn[i], "Alpn", 1, 64);
            }
        }

        private static void CheckTopic(string topic, string name)
        {
            CheckText(topic, name, 1, MaxTopicBytes);
            for (int i = 0; i < topic.Length; i++)
                if (topic[i] == '+' || topic[i] == '#') throw new ArgumentException(name + " must not contain the wildcards + or # when publishing", name);
        }

        private static void CheckFilter(string filter)
        {
            CheckText(filter, "topic", 1, MaxTopicBytes);
        }

        private static void CheckQos(int qos, string name)
        {
            if (qos < 0 || qos > 2) throw new ArgumentOutOfRangeException(name, "QoS must be 0, 1 or 2");
        }

        private static void CheckText(string value, string name, int minBytes, int maxBytes)
        {
            if (value == null) throw new ArgumentNullException(name);
            int n = Encoding.UTF8.GetBytes(value).Length;
            if (n < minBytes || n > maxBytes) throw new ArgumentException(name + " must be " + minBytes + " to " + maxBytes + " bytes (UTF-8), not " + n, name);
            for (int i = 0; i < value.Length; i++)
                if (value[i] == '\r' || value[i] == '\n' || value[i] == '\0') throw new ArgumentException(name + " must not contain CR, LF or NUL", name);
        }
    }
}
