namespace Esp32At.Emulator.Commands.Parameters;

public static partial class ParameterTable
{
    /// <summary>TCP-IP_AT_Commands.rst: the mode settings.</summary>
    private static CommandSpec[] TcpIpSettings =>
    [
        Cmd("CIPMUX", N("mode", 0, 1)),
        Cmd("CIPMODE", N("mode", 0, 1)),
        Cmd("CIPDINFO", N("mode", 0, 1)),
        Cmd("CIPRECVMODE", N("mode", 0, 1)),
        Cmd("CIPRECVTYPE:single", N("mode", 0, 1)),
        Cmd("CIPRECVTYPE:multi", N("link ID", 0, 5).Fails("0x01070000"), N("mode", 0, 1).Fails("0x01070000")),
        Cmd("CIPSERVERMAXCONN", N("num", 1, 5)),
        Cmd("CIPSTO", N("time", 0, 7200)),
        Cmd("CIPV6", N("enable", 0, 1)),
        Cmd("TRANSINTVL", N("interval", 0, 1000)),
        // After the link id (0-5, 5: all); every option keeps its last value when omitted (issue 14 item 4).
        Cmd("CIPTCPOPT", N("so_linger", -1, int.MaxValue).Opt("unchanged"), N("tcp_nodelay", 0, 1).Opt("unchanged"),
            N("so_sndtimeo", 0, int.MaxValue).Opt("unchanged"), N("keep_alive", 0, 7200).Opt("unchanged")) with { MinCount = 3 },
    ];

    /// <summary>TCP-IP_AT_Commands.rst: the SSL client settings, after the link id (<see cref="LinkArguments"/>);
    /// a wrong count is 0x01060000 there [UNVERIFIED: the handlers are in the closed lib*_at_core.a].</summary>
    private static CommandSpec[] Ssl =>
    [
        Cmd("CIPSSLCCONF", N("auth_mode", 0, 3), N("pki_number", 0, 255).Opt("0", 0), N("ca_number", 0, 255).Opt("0", 0)) with { CountError = "0x01060000" },
        Cmd("CIPSSLCCN", S("common name", 1)) with { CountError = "0x01060000" },
        Cmd("CIPSSLCSNI", S("sni", 1).OrEmpty("clears the SNI (the CIPSTART host is sent)")) with { CountError = "0x01060000" },
        Cmd("CIPSSLCALPN", N("counts", 0, 5), S("alpn", 1), S("alpn", 1), S("alpn", 1), S("alpn", 1), S("alpn", 1))
            with { MinCount = 1, CountParameter = 0, CountError = "0x01060000" },
    ];
}
