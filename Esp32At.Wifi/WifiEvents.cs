namespace Esp32At.Wifi
{
    /// <summary>A Wi-Fi state change. Runs on the executor's pump thread: do not call the ESP from it.</summary>
    public delegate void WifiEventHandler(WifiService sender);

    /// <summary>A station joined, got an address on, or left the soft-AP. Runs on the pump thread: do not call the ESP from it.</summary>
    public delegate void WifiStationEventHandler(WifiService sender, StationInfo station);
}
