using System;
using System.Threading;
using Esp32At.Device;
using Esp32At.Engine;

namespace Esp32At.Mqtt
{
    // Reboots and lost links: the ESP forgets its MQTT state; the client connects and subscribes again.
    public sealed partial class MqttClient
    {
        private const int RetryIntervalMs = 2000;
        private bool reconnecting;

        /// <summary>Called by the device after it recovered from a reboot (after the Wi-Fi restorers): reconnects.</summary>
        void IRestorable.Restore(Esp32AtDevice restored)
        {
            if (!TryReconnect()) StartReconnectLoop();
        }

        // Pump thread: the ESP rebooted, its MQTT connection is gone (the broker publishes the will).
        private void OnRebooted(AtExecutor sender)
        {
            lock (receiveGate)
            {
                holding = false;
                messageLength = 0;
            }
            lock (gate)
            {
                if (!connected) return;
                connected = false;
            }
            Queue(DisconnectedEvent(MqttDisconnectReason.Rebooted));
        }

        // Pump thread: "+MQTTDISCONNECTED:0".
        private void OnDisconnectedUrc(byte[] line, int length)
        {
            bool again;
            lock (gate)
            {
                if (!connected) return;
                connected = false;
                again = options != null && options.AutoReconnect;
            }
            Queue(DisconnectedEvent(MqttDisconnectReason.LinkLost));
            if (again) StartReconnectLoop();
        }

        // Pump thread: "+MQTTCONNECTED:..." answers the library's own AT+MQTTCONN (reconnect=0): nothing to do.
        private void OnConnectedUrc(byte[] line, int length) { }

        private void StartReconnectLoop()
        {
            lock (gate)
            {
                if (reconnecting || options == null || !options.AutoReconnect) return;
                reconnecting = true;
            }
            new Thread(ReconnectLoop).Start();
        }

        private void ReconnectLoop()
        {
            try
            {
                while (true)
                {
                    lock (gate) if (options == null || connected) return;
                    if (TryReconnect()) return;
                    Thread.Sleep(RetryIntervalMs);
                }
            }
            finally
            {
                lock (gate) reconnecting = false;
            }
        }

        // Connect with the last options and subscribe every topic again; false when the broker or Wi-Fi is not back yet.
        private bool TryReconnect()
        {
            MqttConnectOptions o;
            lock (gate)
            {
                o = options;
                if (o == null || !o.AutoReconnect) return true;
                if (connected) return true;
            }
            try
            {
                ConnectNow(o);
                object[] topics;
                object[] qos;
                lock (gate)
                {
                    topics = subscriptions.ToArray();
                    qos = subscriptionQos.ToArray();
                }
                for (int i = 0; i < topics.Length; i++) SubscribeNow((string)topics[i], (int)qos[i]);
            }
            catch (Exception e)
            {
                lock (gate) connected = false;
                var trace = executor.Trace;
                if (trace != null) trace.Trace("--", "mqtt: reconnect failed: " + e.Message);
                return false;
            }
            Queue(new DeliveryItem { Reconnect = true });
            return true;
        }
    }
}
