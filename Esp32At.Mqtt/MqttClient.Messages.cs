using System;
using System.Text;
using Esp32At.Engine;

namespace Esp32At.Mqtt
{
    // Publish, subscribe, unsubscribe.
    public sealed partial class MqttClient
    {
        // AT+MQTTPUB carries text only: no NUL, and the whole line under 256 bytes. Everything else goes as raw data.
        private const int MaxInlinePayload = 96;

        /// <summary>Publishes UTF-8 <paramref name="message"/> to <paramref name="topic"/>.</summary>
        public void Publish(string topic, string message, int qos = 0, bool retain = false)
        {
            if (message == null) throw new ArgumentNullException("message");
            Publish(topic, Encoding.UTF8.GetBytes(message), qos, retain);
        }

        /// <summary>
        /// Publishes <paramref name="payload"/> (any bytes, up to <see cref="MaxPayloadBytes"/>) to <paramref name="topic"/>
        /// (no wildcards). QoS 1 and 2 return once the broker acknowledged.
        /// </summary>
        public void Publish(string topic, byte[] payload, int qos = 0, bool retain = false)
        {
            CheckTopic(topic, "topic");
            if (payload == null) throw new ArgumentNullException("payload");
            if (payload.Length > MaxPayloadBytes) throw new ArgumentException("payload must be at most " + MaxPayloadBytes + " bytes, not " + payload.Length, "payload");
            CheckQos(qos, "qos");
            RequireConnected();
            if (payload.Length > 0 && payload.Length <= MaxInlinePayload && Printable(payload))
            {
                var cmd = new AtCommandBuffer().Append(MqttCommands.Publish).AppendQuoted(topic, "topic").Append(",")
                    .AppendQuoted(Encoding.UTF8.GetString(payload, 0, payload.Length), "payload").Append(",").Append(qos).Append(retain ? ",1" : ",0").AppendLineEnd();
                Run(cmd, CommandTimeoutMs, "AT+MQTTPUB");
                return;
            }
            if (payload.Length == 0) throw new ArgumentException("the firmware cannot publish an empty payload", "payload");
            var raw = new AtCommandBuffer().Append(MqttCommands.PublishRaw).AppendQuoted(topic, "topic").Append(",").Append(payload.Length).Append(",")
                .Append(qos).Append(retain ? ",1" : ",0").AppendLineEnd();
            var code = executor.Send(raw, payload, 0, payload.Length, CommandTimeoutMs + payload.Length / 10);
            if (code != AtResultCode.SendOk) throw new AtCommandException("AT+MQTTPUBRAW", null, "publishing to " + topic + " failed: " + code);
        }

        /// <summary>Subscribes to <paramref name="topicFilter"/> (wildcards allowed); it is restored after a reconnect.</summary>
        public void Subscribe(string topicFilter, int qos = 0)
        {
            CheckFilter(topicFilter);
            CheckQos(qos, "qos");
            lock (gate)
                if (subscriptions.IndexOf(topicFilter) < 0 && subscriptions.Count >= MaxSubscriptions)
                    throw new InvalidOperationException("the firmware subscribes to at most " + MaxSubscriptions + " topics");
            RequireConnected();
            SubscribeNow(topicFilter, qos);
            lock (gate)
            {
                int at = subscriptions.IndexOf(topicFilter);
                if (at >= 0) subscriptionQos[at] = qos;
                else
                {
                    subscriptions.Add(topicFilter);
                    subscriptionQos.Add(qos);
                }
            }
        }

        /// <summary>Unsubscribes from <paramref name="topicFilter"/>.</summary>
        public void Unsubscribe(string topicFilter)
        {
            CheckFilter(topicFilter);
            RequireConnected();
            Run(new AtCommandBuffer().Append(MqttCommands.Unsubscribe).AppendQuoted(topicFilter, "topic").AppendLineEnd(), CommandTimeoutMs, "AT+MQTTUNSUB");
            lock (gate)
            {
                int at = subscriptions.IndexOf(topicFilter);
                if (at < 0) return;
                subscriptions.RemoveAt(at);
                subscriptionQos.RemoveAt(at);
            }
        }

        private void SubscribeNow(string topicFilter, int qos)
        {
            // "ALREADY SUBSCRIBE" comes with OK: the firmware has it, which is what was asked.
            Run(new AtCommandBuffer().Append(MqttCommands.Subscribe).AppendQuoted(topicFilter, "topic").Append(",").Append(qos).AppendLineEnd(), CommandTimeoutMs, "AT+MQTTSUB");
        }

        private void RequireConnected()
        {
            lock (gate) if (!connected) throw new InvalidOperationException("the MQTT client is not connected");
        }

        private static bool Printable(byte[] payload)
        {
            for (int i = 0; i < payload.Length; i++) if (payload[i] < 0x20 || payload[i] > 0x7E) return false;
            return true;
        }
    }
}
