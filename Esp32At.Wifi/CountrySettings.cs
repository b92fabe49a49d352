namespace Esp32At.Wifi
{
    /// <summary>The regulatory domain (<c>AT+CWCOUNTRY</c>): country code and the channels it allows.</summary>
    public sealed class CountrySettings
    {
        /// <summary>Creates the settings.</summary>
        public CountrySettings(bool manual, string code, int startChannel, int channelCount)
        {
            Manual = manual;
            Code = code;
            StartChannel = startChannel;
            ChannelCount = channelCount;
        }

        /// <summary>True: keep this country even when the AP announces another (policy 1); false: follow the AP (policy 0).</summary>
        public bool Manual { get; private set; }

        /// <summary>Two-letter country code, e.g. <c>US</c>.</summary>
        public string Code { get; private set; }

        /// <summary>First allowed channel.</summary>
        public int StartChannel { get; private set; }

        /// <summary>Number of allowed channels.</summary>
        public int ChannelCount { get; private set; }
    }
}
