using Esp32At.Emulator.Commands.Parameters;
using Esp32At.Emulator.Core;
using Esp32At.Emulator.Network;
using static Esp32At.Emulator.Commands.ArgumentChecks;

namespace Esp32At.Emulator.Commands;

/// <summary>
/// AT+CIPTCPOPT (esp-at docs TCP-IP_AT_Commands.rst): <c>[&lt;id&gt;,][&lt;so_linger&gt;],[&lt;tcp_nodelay&gt;],[&lt;so_sndtimeo&gt;][,&lt;keep_alive&gt;]</c>.
/// Every option is in brackets there: an omitted one keeps its last value ("If it is omitted or not set, the last
/// configured value is used"), so <c>AT+CIPTCPOPT=0,,,5000</c> sets only SO_SNDTIMEO (issue 14 item 4). Id 5 sets all.
/// </summary>
public static class TcpOptCommands
{
    public static void Register(EspEmulator emulator) => emulator.Commands.Register("CIPTCPOPT", CipTcpOpt);

    private static void CipTcpOpt(CommandContext c)
    {
        var all = c.State.Net.TcpOptions;
        if (c.Line.Kind == CommandKind.Query)
        {
            int ids = c.State.CipMux == 1 ? all.Length : 1;
            for (int i = 0; i < ids; i++)
                c.Info($"+CIPTCPOPT:{i},{all[i].Linger},{all[i].NoDelay},{all[i].SendTimeoutMs},{all[i].KeepAlive}");
            return;
        }
        if (c.Line.Kind != CommandKind.Set) throw new CommandException(OperationType);
        var (id, at) = LinkArguments.Of(c, idMax: 5);
        // Every field is checked before anything changes: a bad value leaves all the options as they were.
        var p = ParameterValidator.Check(c, from: at);
        int? linger = Optional(p, 0), noDelay = Optional(p, 1), sndTimeo = Optional(p, 2), keepAlive = Optional(p, 3);
        foreach (var o in id == 5 ? all : [all[id]])
        {
            o.Linger = linger ?? o.Linger;
            o.NoDelay = noDelay ?? o.NoDelay;
            o.SendTimeoutMs = sndTimeo ?? o.SendTimeoutMs;
            o.KeepAlive = keepAlive ?? o.KeepAlive;
        }
    }

    private static int? Optional(ParameterValues p, int i) => p.Has(i) ? p.Int(i) : null;
}
