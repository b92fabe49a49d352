using Esp32At.Wifi;

namespace Esp32At.TinyCLR.Provider
{
    // What GHI's WINC15x0 driver offers beside the NetworkController (TinyCLR-Drivers Microchip/Winc15x0/Winc15x0Interface.cs
    // @cdcb4c5: GetFirmwareVersion, Scan, GetRssi, GetMacAddress), over AT. Like GHI's, each starts the module first.
    public sealed partial class Esp32AtNetworkProvider
    {
        /// <summary>
        /// The ESP-AT version as <c>major.minor.patch.build</c> (e.g. <c>4.1.1.0</c>), GHI's WINC15x0 format; read with
        /// <c>AT+GMR</c> when the ESP started (starts it if needed, without joining).
        /// </summary>
        public string GetFirmwareVersion()
        {
            EnsureStarted();
            var v = Device.Version;
            return v.Major + "." + v.Minor + "." + v.Patch + "." + v.Build;
        }

        /// <summary>The SSIDs in range (<c>AT+CWLAP</c>), in the ESP's order; starts the ESP if needed, without joining.</summary>
        public string[] Scan()
        {
            EnsureStarted();
            var found = Wifi.Scan();
            var ssids = new string[found.Length];
            for (int i = 0; i < found.Length; i++) ssids[i] = found[i].Ssid;
            return ssids;
        }

        /// <summary>The joined access point's signal in dBm (<c>AT+CWJAP?</c>); 0 when the station is not connected.</summary>
        public int GetRssi()
        {
            EnsureStarted();
            AccessPointInfo joined = Wifi.QueryJoinedNetwork();
            return joined == null ? 0 : joined.Rssi;
        }

        /// <summary>The station MAC address, 6 bytes (<c>AT+CIPSTAMAC?</c>); starts the ESP if needed.</summary>
        public byte[] GetMacAddress()
        {
            EnsureStarted();
            return Wifi.QueryStationMac();
        }
    }
}
