namespace Esp32At.Emulator.Commands.Parameters;

public static partial class ParameterTable
{
    /// <summary>Basic_AT_Commands.rst. UART: at_uart_cmd.c at_setup_cmd_uart_common (esp-at b49e4b98) returns a bare
    /// ERROR for every bad value, printed as index 0.</summary>
    private static CommandSpec[] System =>
    [
        Cmd("SYSLOG", N("status", 0, 1)),
        Cmd("SYSSTORE", N("store_mode", 0, 1)),
        Cmd("SYSMSG", N("state", 0, 7)),
        Cmd("SLEEP", N("sleep mode", 0, 3)),
        Cmd("UART_CUR", Uart()),
        Cmd("UART_DEF", Uart()),
    ];

    private static ParameterSpec[] Uart() =>
    [
        N("baudrate", 80, 5_000_000).Fails("0x01070000"), N("databits", 5, 8).Fails("0x01070000"),
        N("stopbits", 1, 3).Fails("0x01070000"), N("parity", 0, 2).Fails("0x01070000"), N("flow control", 0, 3).Fails("0x01070000"),
    ];
}
