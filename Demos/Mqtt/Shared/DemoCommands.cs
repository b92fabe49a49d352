namespace Esp32At.Demos.Mqtt
{
    /// <summary>
    /// The commands the board takes on its cmd topic: <c>interval &lt;ms&gt;</c> (how often a reading goes out,
    /// 50-60000), <c>led on</c>/<c>led off</c>, <c>status</c>. Each returns the answer published on the ack topic.
    /// </summary>
    public sealed class DemoCommands
    {
        public const int MinIntervalMs = 50;
        public const int MaxIntervalMs = 60000;

        private readonly TelemetryState state;
        private readonly ILed led;
        private readonly IDemoLog log;

        public DemoCommands(TelemetryState state, ILed led, IDemoLog log)
        {
            this.state = state;
            this.led = led;
            this.log = log;
        }

        /// <summary>Acts on <paramref name="text"/>; returns the answer ("ok ..." or "error ...").</summary>
        public string Execute(string text)
        {
            string command = text.Trim().ToLower();
            if (command.IndexOf("interval ") == 0)
            {
                int ms = Units.ParseCount(command.Substring(9).Trim());
                if (ms < MinIntervalMs || ms > MaxIntervalMs)
                    return Rejected(text, "error interval takes " + MinIntervalMs + "-" + MaxIntervalMs + " ms");
                int before = state.IntervalMs;
                state.IntervalMs = ms;
                log.Line("[cmd]  interval " + before + " -> " + ms + " ms");
                return "ok interval " + ms;
            }
            if (command == "led on" || command == "led off")
            {
                bool on = command == "led on";
                bool was = led.On;
                led.On = on;
                log.Line("[cmd]  led " + OnOff(was) + " -> " + OnOff(on));
                return "ok led " + OnOff(on);
            }
            if (command == "status")
            {
                log.Line("[cmd]  status");
                return "ok interval " + state.IntervalMs + " led " + OnOff(led.On) + " published " + state.Published;
            }
            return Rejected(text, "error unknown command");
        }

        private string Rejected(string text, string answer)
        {
            log.Line("[cmd]  \"" + text + "\" rejected: " + answer);
            return answer;
        }

        /// <summary>"on" or "off".</summary>
        public static string OnOff(bool on) { return on ? "on" : "off"; }
    }
}
