namespace Esp32At.Emulator.Commands.Parameters;

public static partial class ParameterTable
{
    /// <summary>TCP-IP_AT_Commands.rst and Basic_AT_Commands.rst: the network services and the passive receive.</summary>
    private static CommandSpec[] Services =>
    [
        Cmd("SYSTIMESTAMP", N("Unix_timestamp", 0, uint.MaxValue)),
        Cmd("PING", S("host", 1, 253)),
        Cmd("CIPSNTPINTV", N("interval second", 15, 4294967)),
        Cmd("CIPSENDLCFG", N("report size", 100, 1048576).Opt("unchanged"), N("transmit size", 100, 2920).Opt("unchanged"))
            with { MinCount = 1, CountError = "0x01060000" },
        Cmd("CIPRECVDATA", N("len", 1, uint.MaxValue)) with { CountError = "0x01060000" },
    ];
}
