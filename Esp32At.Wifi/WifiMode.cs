using System;

namespace Esp32At.Wifi
{
    /// <summary>The radio's run mode (<c>AT+CWMODE</c>): bits for station and soft-AP.</summary>
    [Flags]
    public enum WifiMode
    {
        /// <summary>Radio idle (mode 0).</summary>
        Off = 0,
        /// <summary>Station (mode 1).</summary>
        Station = 1,
        /// <summary>Soft-AP (mode 2).</summary>
        SoftAp = 2,
        /// <summary>Both (mode 3).</summary>
        StationAndSoftAp = 3
    }
}
