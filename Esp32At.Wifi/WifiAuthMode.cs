namespace Esp32At.Wifi
{
    /// <summary>
    /// The firmware's <c>&lt;ecn&gt;</c> (ESP-IDF <c>wifi_auth_mode_t</c>, spec §2.2 CWLAP). Newer firmware adds values:
    /// a number not listed here is kept as is and means "secured, kind unknown".
    /// </summary>
    public enum WifiAuthMode
    {
        /// <summary>No security.</summary>
        Open = 0,
        /// <summary>WEP.</summary>
        Wep = 1,
        /// <summary>WPA personal.</summary>
        WpaPsk = 2,
        /// <summary>WPA2 personal.</summary>
        Wpa2Psk = 3,
        /// <summary>WPA or WPA2 personal.</summary>
        WpaWpa2Psk = 4,
        /// <summary>WPA2 enterprise.</summary>
        Wpa2Enterprise = 5,
        /// <summary>WPA3 personal (SAE).</summary>
        Wpa3Psk = 6,
        /// <summary>WPA2 or WPA3 personal.</summary>
        Wpa2Wpa3Psk = 7,
        /// <summary>WAPI personal (v3.2+).</summary>
        WapiPsk = 8,
        /// <summary>Opportunistic wireless encryption (v3.2+).</summary>
        Owe = 9,
        /// <summary>WPA3 enterprise 192-bit (v3.3+).</summary>
        Wpa3Enterprise192 = 10,
        /// <summary>WPA3 SAE-EXT (v4.1+).</summary>
        Wpa3ExtPsk = 11,
        /// <summary>WPA3 SAE and SAE-EXT (v4.1+).</summary>
        Wpa3ExtPskMixed = 12,
        /// <summary>Device provisioning protocol (v4.1+).</summary>
        Dpp = 13,
        /// <summary>WPA3 enterprise (v4.1+).</summary>
        Wpa3Enterprise = 14,
        /// <summary>WPA2 or WPA3 enterprise (v4.1+).</summary>
        Wpa2Wpa3Enterprise = 15,
        /// <summary>WPA enterprise (after v4.1).</summary>
        WpaEnterprise = 16
    }
}
