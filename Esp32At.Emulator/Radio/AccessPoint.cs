namespace Esp32At.Emulator.Radio;

/// <summary>A simulated access point the emulated station can see and join.</summary>
/// <param name="Ssid">Network name.</param>
/// <param name="Password">Pre-shared key ("" for an open network).</param>
/// <param name="Rssi">Signal strength in dBm.</param>
/// <param name="Channel">2.4 GHz channel 1-14.</param>
/// <param name="Ecn">Auth mode as CWLAP prints it (IDF <c>wifi_auth_mode_t</c>: 0 open, 2 WPA, 3 WPA2, 4 WPA/WPA2, 6 WPA3, 7 WPA2/WPA3, ...).</param>
/// <param name="Bssid">Lowercase MAC, e.g. 5e:b1:86:92:aa:44; null derives one from the SSID (<see cref="MacAddress.FromName"/>).</param>
public sealed record AccessPoint(string Ssid, string Password, int Rssi = -48, int Channel = 6, int Ecn = 3, string? Bssid = null)
{
    /// <summary>The BSSID: the one given, else a stable locally administered MAC derived from the SSID.</summary>
    public string Bssid { get; init; } = Bssid ?? MacAddress.FromName(Ssid);

    /// <summary>
    /// A simulated join failure (spec §2.2 +CWJAP codes): 0 none, 1 the AP never answers (the join times out after
    /// jap_timeout), 4 the AP refuses the association.
    /// </summary>
    public int JoinFailure { get; init; }

    /// <summary>Whether the AP advertises an IPv6 prefix (<see cref="StationIpv6.Prefix"/>): a joined station with AT+CIPV6=1 gets a global address and <c>WIFI GOT IPv6 GL</c>.</summary>
    public bool Ipv6 { get; init; } = true;

    /// <summary>Pairwise cipher as CWLAP prints it (IDF <c>wifi_cipher_type_t</c>; 4 = CCMP, 0 = none).</summary>
    public int PairwiseCipher => Ecn == 0 ? 0 : 4;

    /// <summary>Group cipher as CWLAP prints it.</summary>
    public int GroupCipher => PairwiseCipher;

    /// <summary>Parses <c>ssid,password[,rssi[,channel[,auth[,bssid]]]]</c> (auth: OPEN, WEP, WPA, WPA2, WPA_WPA2, WPA3, WPA2_WPA3, or a number).</summary>
    public static AccessPoint Parse(string spec)
    {
        var p = spec.Split(',');
        if (p.Length < 2) throw new FormatException($"access point '{spec}': expected ssid,password[,rssi[,channel[,auth[,bssid]]]]");
        int ecn = p.Length > 4 ? p[4].ToUpperInvariant() switch
        {
            "OPEN" => 0, "WEP" => 1, "WPA" => 2, "WPA2" => 3, "WPA_WPA2" => 4, "WPA3" => 6, "WPA2_WPA3" => 7,
            var n when int.TryParse(n, out var v) => v,
            var other => throw new FormatException($"access point '{spec}': unknown auth mode '{other}'"),
        } : (p[1].Length == 0 ? 0 : 3);
        string? bssid = null;
        if (p.Length > 5)
        {
            if (!MacAddress.TryParse(p[5], out var mac)) throw new FormatException($"access point '{spec}': bad bssid '{p[5]}'");
            bssid = MacAddress.Format(mac);
        }
        return new AccessPoint(p[0], p[1], p.Length > 2 ? int.Parse(p[2]) : -48, p.Length > 3 ? int.Parse(p[3]) : 6, ecn, bssid);
    }
}
