using System;
using Esp32At.Wifi;

namespace Esp32At.CircuitPython
{
    /// <summary>
    /// <c>wifi.AuthMode</c> as flags: a network's security is a set of these (the core's sequence of AuthMode), e.g.
    /// WPA2-personal = <c>Wpa2 | Psk</c>. An empty set means the firmware named a mode not known here (secured).
    /// </summary>
    [Flags]
    public enum AuthMode
    {
        /// <summary>No security.</summary>
        Open = 1,
        /// <summary>WEP.</summary>
        Wep = 2,
        /// <summary>WPA.</summary>
        Wpa = 4,
        /// <summary>WPA2.</summary>
        Wpa2 = 8,
        /// <summary>WPA3.</summary>
        Wpa3 = 16,
        /// <summary>Pre-shared key (personal).</summary>
        Psk = 32,
        /// <summary>Enterprise (802.1X).</summary>
        Enterprise = 64
    }

    /// <summary>Maps between the firmware's <c>&lt;ecn&gt;</c> and <see cref="AuthMode"/> sets (as the core's Network.c does).</summary>
    public static class AuthModes
    {
        /// <summary>The set for a firmware auth mode; an empty set for one not known here.</summary>
        public static AuthMode FromFirmware(WifiAuthMode mode)
        {
            switch (mode)
            {
                case WifiAuthMode.Open: return AuthMode.Open;
                case WifiAuthMode.Owe: return AuthMode.Open; // encrypted, but joined without a password
                case WifiAuthMode.Wep: return AuthMode.Wep;
                case WifiAuthMode.WpaPsk: return AuthMode.Wpa | AuthMode.Psk;
                case WifiAuthMode.Wpa2Psk: return AuthMode.Wpa2 | AuthMode.Psk;
                case WifiAuthMode.WpaWpa2Psk: return AuthMode.Wpa | AuthMode.Wpa2 | AuthMode.Psk;
                case WifiAuthMode.Wpa2Enterprise: return AuthMode.Wpa2 | AuthMode.Enterprise;
                case WifiAuthMode.Wpa3Psk: return AuthMode.Wpa3 | AuthMode.Psk;
                case WifiAuthMode.Wpa2Wpa3Psk: return AuthMode.Wpa2 | AuthMode.Wpa3 | AuthMode.Psk;
                case WifiAuthMode.WapiPsk: return AuthMode.Psk;
                case WifiAuthMode.Wpa3Enterprise192: return AuthMode.Wpa3 | AuthMode.Enterprise;
                case WifiAuthMode.Wpa3ExtPsk: return AuthMode.Wpa3 | AuthMode.Psk;
                case WifiAuthMode.Wpa3ExtPskMixed: return AuthMode.Wpa3 | AuthMode.Psk;
                case WifiAuthMode.Wpa3Enterprise: return AuthMode.Wpa3 | AuthMode.Enterprise;
                case WifiAuthMode.Wpa2Wpa3Enterprise: return AuthMode.Wpa2 | AuthMode.Wpa3 | AuthMode.Enterprise;
                case WifiAuthMode.WpaEnterprise: return AuthMode.Wpa | AuthMode.Enterprise;
                default: return 0;
            }
        }

        /// <summary>
        /// The soft-AP mode for a requested set: none given → open without a password, else WPA/WPA2-PSK (the core's
        /// default); <c>Open</c> → open; WPA and/or WPA2 (with or without PSK), or PSK alone → WPA, WPA2 or WPA/WPA2.
        /// </summary>
        /// <exception cref="ArgumentException">WEP, WPA3 or enterprise (ESP-AT's soft-AP has none), or a mix with Open.</exception>
        public static WifiAuthMode ForSoftAp(AuthMode modes, bool hasPassword)
        {
            if (modes == 0) return hasPassword ? WifiAuthMode.WpaWpa2Psk : WifiAuthMode.Open;
            if ((modes & (AuthMode.Wep | AuthMode.Wpa3 | AuthMode.Enterprise)) != 0)
                throw new ArgumentException("the ESP-AT soft-AP supports OPEN, WPA, WPA2 and PSK only", "authmode");
            if ((modes & AuthMode.Open) != 0)
            {
                if (modes != AuthMode.Open) throw new ArgumentException("OPEN cannot be combined with other modes", "authmode");
                return WifiAuthMode.Open;
            }
            bool wpa = (modes & AuthMode.Wpa) != 0;
            bool wpa2 = (modes & AuthMode.Wpa2) != 0;
            if (wpa && !wpa2) return WifiAuthMode.WpaPsk;
            if (wpa2 && !wpa) return WifiAuthMode.Wpa2Psk;
            return WifiAuthMode.WpaWpa2Psk;
        }

        /// <summary>The core's text of a set, e.g. <c>[wifi.AuthMode.WPA2, wifi.AuthMode.PSK]</c>.</summary>
        public static string Format(AuthMode modes)
        {
            var names = new string[] { "OPEN", "WEP", "WPA", "WPA2", "WPA3", "PSK", "ENTERPRISE" };
            var sb = new System.Text.StringBuilder("[");
            for (int i = 0; i < names.Length; i++)
            {
                if (((int)modes & (1 << i)) == 0) continue;
                if (sb.Length > 1) sb.Append(", ");
                sb.Append("wifi.AuthMode.").Append(names[i]);
            }
            return sb.Append(']').ToString();
        }
    }
}
