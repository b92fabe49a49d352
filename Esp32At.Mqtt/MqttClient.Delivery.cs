using System;
using System.Collections;
using System.Threading;

namespace Esp32At.Mqtt
{
    // Events are raised on one delivery thread, never on the pump thread: handlers may publish or subscribe.
    public sealed partial class MqttClient
    {
        private readonly ArrayList deliveries = new ArrayList();
        private readonly AutoResetEvent deliverySignal = new AutoResetEvent(false);

        private sealed class DeliveryItem
        {
            public string Topic;
            public byte[] Payload;
            public bool Disconnect;
            public bool Reconnect;
            public MqttDisconnectReason Reason;
        }

        private static DeliveryItem DisconnectedEvent(MqttDisconnectReason reason)
        {
            return new DeliveryItem { Disconnect = true, Reason = reason };
        }

        private void QueueMessage(string topic, byte[] payload)
        {
            Queue(new DeliveryItem { Topic = topic, Payload = payload });
        }

        private void Queue(DeliveryItem item)
        {
            lock (deliveries) deliveries.Add(item);
            deliverySignal.Set();
        }

        private void StartDelivery()
        {
            new Thread(DeliveryLoop).Start();
        }

        /// <summary>Stops the delivery thread and unhooks the notices (the ESP's connection is left as it is).</summary>
        public void Dispose()
        {
            lock (gate) disposed = true;
            executor.MqttPieceStart = null;
            executor.MqttPieceData = null;
            executor.Rebooted -= OnRebooted;
            deliverySignal.Set();
        }

        private bool disposed;

        private void DeliveryLoop()
        {
            while (true)
            {
                deliverySignal.WaitOne();
                lock (gate) if (disposed) return;
                while (true)
                {
                    DeliveryItem item;
                    lock (deliveries)
                    {
                        if (deliveries.Count == 0) break;
                        item = (DeliveryItem)deliveries[0];
                        deliveries.RemoveAt(0);
                    }
                    try { Raise(item); }
                    catch (Exception e)
                    {
                        var trace = executor.Trace;
                        if (trace != null) trace.Trace("--", "mqtt: event handler threw: " + e.Message);
                    }
                }
            }
        }

        private void Raise(DeliveryItem item)
        {
            if (item.Disconnect)
            {
                var d = Disconnected;
                if (d != null) d(this, item.Reason);
                return;
            }
            if (item.Reconnect)
            {
                var r = Reconnected;
                if (r != null) r(this, MqttDisconnectReason.LinkLost);
                return;
            }
            var m = MessageReceived;
            if (m != null) m(this, item.Topic, item.Payload);
        }
    }
}
