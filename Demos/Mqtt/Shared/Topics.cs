namespace Esp32At.Demos.Mqtt
{
    /// <summary>
    /// The demo's topics under <c>esp32at/&lt;device&gt;/</c>: telemetry (published, and subscribed to for the echo
    /// that times the round trip), cmd (commands to the board), ack (its answers), status (online/offline, retained;
    /// "offline" is the last will).
    /// </summary>
    public sealed class Topics
    {
        public Topics(string device)
        {
            Root = "esp32at/" + device + "/";
            Telemetry = Root + "telemetry";
            Command = Root + "cmd";
            Ack = Root + "ack";
            Status = Root + "status";
        }

        public string Root { get; private set; }
        public string Telemetry { get; private set; }
        public string Command { get; private set; }
        public string Ack { get; private set; }
        public string Status { get; private set; }
    }
}
