namespace Esp32At.Wifi
{
    /// <summary>The station's connection state (<c>+CWSTATE:</c>, spec §2.2).</summary>
    public enum StationState
    {
        /// <summary>No connection attempt since boot.</summary>
        NotStarted = 0,
        /// <summary>Associated, no IPv4 address yet.</summary>
        Connected = 1,
        /// <summary>Associated with an IPv4 address.</summary>
        GotIp = 2,
        /// <summary>Connecting or reconnecting.</summary>
        Connecting = 3,
        /// <summary>Disconnected.</summary>
        Disconnected = 4
    }
}
