namespace Esp32At.Emulator.Commands.Parameters;

public static partial class ParameterTable
{
    /// <summary>Wi-Fi_AT_Commands.rst and TCP-IP_AT_Commands.rst (the IP settings); formats (dotted IPv4, MAC, country
    /// letters) and cross-parameter rules stay in the handlers, after this check.</summary>
    private static CommandSpec[] WifiSettings =>
    [
        Cmd("CWINIT", N("init", 0, 1)),
        Cmd("CWRECONNCFG", N("interval_second", 0, 7200), N("repeat_count", 0, 1000)),
        Cmd("CWLAPOPT", N("reserved", 0, 1).Opt("reserved (NONOS sort flag)", 0), N("print mask", 0, 0x7FF),
            N("rssi filter", -100, 40).Opt("no filter", -100), N("authmode mask", 0, 0xFFFF).Opt("all", 0xFFFF)),
        Cmd("CWHOSTNAME", S("hostname", 1, 32)),
        Cmd("CIPSTAMAC", S("mac", 1, 17)),
        Cmd("CIPAPMAC", S("mac", 1, 17)),
        Cmd("RFPOWER", N("wifi_power", 40, 84), N("ble_adv_power", 0, 15).Opt("unchanged"),
            N("ble_scan_power", 0, 15).Opt("the advertising power"), N("ble_conn_power", 0, 15).Opt("the advertising power")),
        Cmd("CWCOUNTRY", N("country_policy", 0, 1), S("country_code", 2, 3), N("start_channel", 1, 14), N("total_channel_count", 1, 14)),
        Cmd("CWDHCP", N("operate", 0, 1), N("mode", 1, 3)),
        Cmd("CIPSTA", S("ip", 1, 15), S("gateway", 1, 15), S("netmask", 1, 15)) with { MinCount = 1, Counts = [1, 3] },
        Cmd("CIPAP", S("ip", 1, 15), S("gateway", 1, 15), S("netmask", 1, 15)) with { MinCount = 1, Counts = [1, 3] },
        Cmd("CIPDNS", N("enable", 0, 1)) with { MaxCount = 4 },
        // IPv4 or IPv6 text (docs/esp-at-ipv6.md): at most 39 bytes [UNVERIFIED limit].
        Cmd("CIPDNS:servers", S("DNS IP1", 1, 39), S("DNS IP2", 1, 39), S("DNS IP3", 1, 39)) with { MinCount = 0 },
    ];
}
