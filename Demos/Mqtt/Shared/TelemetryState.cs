namespace Esp32At.Demos.Mqtt
{
    /// <summary>What the demo counts, shared by its loop and the message handler (each field read and written whole).</summary>
    public sealed class TelemetryState
    {
        private readonly object gate = new object();
        private int intervalMs = 1000;

        /// <summary>How often a reading goes out.</summary>
        public int IntervalMs { get { lock (gate) return intervalMs; } set { lock (gate) intervalMs = value; } }

        /// <summary>Readings published.</summary>
        public int Published;

        /// <summary>Readings that failed to publish.</summary>
        public int PublishFailed;

        /// <summary>Messages received (echoes and commands).</summary>
        public int Received;

        /// <summary>Commands acted on or rejected.</summary>
        public int Commands;

        /// <summary>Times the broker link dropped.</summary>
        public int Disconnects;
    }
}
