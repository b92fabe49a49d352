using Esp32At.Emulator.Commands.Parameters;
using Esp32At.Emulator.Core;

namespace Esp32At.Emulator.Commands;

/// <summary>Basic AT commands (spec §2.1): AT, ATE, GMR, RST, RESTORE, CMD, SYSLOG, SYSSTORE, SYSMSG, SYSRAM, UART.</summary>
public static class BasicCommands
{
    public static void Register(EspEmulator emulator)
    {
        var t = emulator.Commands;
        t.Register("", _ => { });
        t.Register("E0", c => c.State.Echo = false);
        t.Register("E1", c => c.State.Echo = true);
        t.Register("GMR", c => Only(c, CommandKind.Execute, () => c.Raw(c.Emulator.Profile.GmrText)));
        t.Register("RST", c => Only(c, CommandKind.Execute, () => c.AfterFinal = () => c.Emulator.Reboot()));
        t.Register("RESTORE", c => Only(c, CommandKind.Execute, () =>
        {
            c.State.UartBootBaud = 115200;
            c.Emulator.Nvs.Erase();
            c.AfterFinal = () => c.Emulator.Reboot();
        }));
        t.Register("CMD", c => Only(c, CommandKind.Query, () =>
        {
            int i = 0;
            foreach (var name in c.Emulator.Commands.Names) c.Info(CommandForms.Line(i++, name));
        }));
        t.Register("SYSLOG", c => Flag(c, "SYSLOG", () => c.State.SysLog ? 1 : 0, v => c.State.SysLog = v == 1, crlf: true));
        t.Register("SYSSTORE", c => Flag(c, "SYSSTORE", () => c.State.SysStore, v => c.State.SysStore = v, crlf: true));
        t.Register("SYSMSG", c => Flag(c, "SYSMSG", () => c.State.SysMsg, v => c.State.SysMsg = v, crlf: false));
        t.Register("SYSRAM", c => Only(c, CommandKind.Query, () => c.Raw("+SYSRAM:166096,148408")));
        t.Register("UART_CUR", c => Uart(c, "UART_CUR"));
        t.Register("UART_DEF", c => Uart(c, "UART_DEF"));
    }

    private static void Only(CommandContext c, CommandKind kind, Action action)
    {
        if (c.Line.Kind != kind) throw new CommandException("0x010c0000");
        action();
    }

    /// <summary>A numeric setting with query and set forms; <paramref name="crlf"/>: whether the query line ends in CR LF (spec §1.5).</summary>
    internal static void Flag(CommandContext c, string name, Func<int> get, Action<int> set, bool crlf)
    {
        switch (c.Line.Kind)
        {
            case CommandKind.Query:
                c.Raw($"+{name}:{get()}" + (crlf ? "\r\n" : ""));
                return;
            case CommandKind.Set:
                // One number, checked by the parameter table (its range is the command's row there).
                set(ParameterValidator.Check(c, name).Int(0));
                return;
            default:
                throw new CommandException();
        }
    }

    private static void Uart(CommandContext c, string name)
    {
        if (c.Line.Kind == CommandKind.Query)
        {
            c.Info($"+{name}:{c.State.UartBaud},8,1,0,{c.State.UartFlow}");
            return;
        }
        if (c.Line.Kind != CommandKind.Set) throw new CommandException(ArgumentChecks.OperationType);
        var p = ParameterValidator.Check(c, name);
        int baud = p.Int(0), flow = p.Int(4);
        // OK goes out at the old rate; the new one applies after the UART drained (spec §2.1).
        c.State.UartBaud = baud;
        c.State.UartFlow = flow;
        if (name == "UART_DEF") c.State.UartBootBaud = baud;
        c.SwitchBaudAfterFinal = baud;
    }
}
