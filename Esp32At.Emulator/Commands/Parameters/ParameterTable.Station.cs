namespace Esp32At.Emulator.Commands.Parameters;

public static partial class ParameterTable
{
    /// <summary>Wi-Fi_AT_Commands.rst: the station and soft-AP commands. MAC formats, WEP refusal (ecn 1), the
    /// password-length-for-ecn rule and the country's channel range stay in the handlers, after this check.</summary>
    private static CommandSpec[] WifiStation =>
    [
        Cmd("CWMODE", N("mode", 0, 3), N("auto_connect", 0, 1).Opt("the default 1", 1)),
        Cmd("CWAUTOCONN", N("enable", 0, 1)),
        Cmd("CWJAP", [S("ssid", 1, 32), S("pwd", 0, 64).Opt("no password").OrEmpty("an open AP"), S("bssid", 1, 17).Opt("any AP"),
            N("pci_en", 0, 1).Opt("0", 0), N("reconn_interval", 0, 7200).Opt("1", 1), N("listen_interval", 1, 100).Opt("3", 3),
            N("scan_mode", 0, 1).Opt("0", 0), N("jap_timeout", 3, 600).Opt("15", 15), N("pmf", 0, 3).Opt("1", 1)]) with { MinCount = 2 },
        Cmd("CWLAP", CwLap()) with { MinCount = 1, Before = new Version(4, 1) },
        Cmd("CWLAP", [.. CwLap(), N("channel bitmap", 0, 0x3FFF).Opt("all", 0)]) with { MinCount = 1, Since = new Version(4, 1) },
        Cmd("CWSAP", S("ssid", 1, 32), S("pwd", 0, 64).Opt("no password").OrEmpty("an open AP"), N("channel", 1, 14), N("ecn", 0, 4),
            N("max conn", 1, 10).Opt("unchanged"), N("ssid hidden", 0, 1).Opt("0", 0)),
        Cmd("CWQIF", S("mac", 1, 17)),
    ];

    private static ParameterSpec[] CwLap() =>
    [
        S("ssid", 0, 32).Opt("any SSID"), S("mac", 1, 17).Opt("any BSSID"), N("channel", 1, 14).Opt("every channel"),
        N("scan_type", 0, 1).Opt("active", 0), N("scan_time_min", 0, 1500).Opt("the default", 0), N("scan_time_max", 0, 1500).Opt("the default", 0),
    ];
}
