using Esp32At.Emulator.Commands.Parameters;
using Esp32At.Emulator.Core;

namespace Esp32At.Emulator.Commands;

/// <summary>The TCP/IP mode settings (spec §2.3): CIPMUX, CIPDINFO, CIPRECVMODE, CIPRECVTYPE, CIPSERVERMAXCONN, CIPSTO, CIPV6; with the
/// firmware's refusals (CIPMUX with links or a server, CIPSERVERMAXCONN while serving or below the open server links).</summary>
public static class TcpIpSettingsCommands
{
    public static void Register(EspEmulator emulator)
    {
        var t = emulator.Commands;
        var profile = emulator.Profile;
        t.Register("CIPMUX", c => BasicCommands.Flag(c, "CIPMUX", () => c.State.CipMux, v => SetMux(c, v), crlf: true));
        t.Register("CIPDINFO", CipDInfo);
        t.Register("CIPRECVMODE", c => BasicCommands.Flag(c, "CIPRECVMODE", () => c.State.RecvMode[0], v => Array.Fill(c.State.RecvMode, v), crlf: true));
        if (profile.HasCipRecvType) t.Register("CIPRECVTYPE", CipRecvType);
        t.Register("CIPSERVERMAXCONN", c => BasicCommands.Flag(c, "CIPSERVERMAXCONN", () => c.State.CipServerMaxConn, v => SetMaxConn(c, v), crlf: true));
        t.Register("CIPSTO", c => BasicCommands.Flag(c, "CIPSTO", () => c.State.CipSto, v => c.State.CipSto = v, crlf: true));
        t.Register("CIPV6", c => BasicCommands.Flag(c, "CIPV6", () => c.State.Ipv6.Enabled ? 1 : 0, v => SetIpv6(c, v == 1), crlf: true));
    }

    /// <summary>CIPMUX cannot change while a link exists, to 0 while a server runs, or to 1 in passthrough mode (spec §2.3).</summary>
    private static void SetMux(CommandContext c, int mux)
    {
        if (c.Emulator.Links.Any) throw new CommandException("0x010a0000"); // "has link"
        if (mux == 0 && c.Emulator.Links.Server is not null) throw new CommandException("0x010a0000"); // "CIPSERVER != 0"
        if (mux == 1 && c.State.CipMode != 0) throw new CommandException("0x010a0000"); // "IPMODE != 0"
        c.State.CipMux = mux;
    }

    /// <summary>Not while a server runs; not below the server links open now (<c>Have &lt;k&gt; Connections</c>, spec §2.3).</summary>
    private static void SetMaxConn(CommandContext c, int max)
    {
        if (c.Emulator.Links.Server is not null) throw new CommandException("0x010a0000"); // "server has already been started"
        int open = c.Emulator.Links.ServerLinkCount;
        if (max < open)
        {
            c.Info($"Have {open} Connections");
            throw new CommandException("0x010a0000");
        }
        c.State.CipServerMaxConn = max;
    }

    /// <summary>AT+CIPV6 (docs/esp-at-ipv6.md): takes effect at the next join; off, the addresses are gone at once [UNVERIFIED].</summary>
    private static void SetIpv6(CommandContext c, bool on)
    {
        if (!on) c.State.Ipv6.Forget();
        c.State.Ipv6.Enabled = on;
    }

    private static void CipDInfo(CommandContext c)
    {
        if (c.Line.Kind == CommandKind.Query)
        {
            c.Raw(c.State.CipDInfo ? "+CIPDINFO:true" : "+CIPDINFO:false"); // no CR LF before OK (spec §2.3)
            return;
        }
        BasicCommands.Flag(c, "CIPDINFO", () => 0, v => c.State.CipDInfo = v == 1, crlf: true);
    }

    private static void CipRecvType(CommandContext c)
    {
        var modes = c.State.RecvMode;
        if (c.Line.Kind == CommandKind.Query)
        {
            if (c.State.CipMux == 0) c.Info($"+CIPRECVTYPE:0,{modes[0]}");
            else for (int i = 0; i < modes.Length; i++) c.Info($"+CIPRECVTYPE:{i},{modes[i]}");
            return;
        }
        if (c.Line.Kind != CommandKind.Set) throw new CommandException();
        if (c.State.CipMux == 0)
        {
            modes[0] = ParameterValidator.Check(c, "CIPRECVTYPE:single").Int(0);
            return;
        }
        var p = ParameterValidator.Check(c, "CIPRECVTYPE:multi");
        int id = p.Int(0), mode = p.Int(1);
        if (id == 5) Array.Fill(modes, mode);
        else modes[id] = mode;
    }
}
