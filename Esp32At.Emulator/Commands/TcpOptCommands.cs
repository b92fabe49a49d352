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
        int given = c.Line.Count - at;
        if (given is < 3 or > 4) throw new CommandException($"0x0106{at + 3:x2}{Math.Min(c.Line.Count, 255):x2}");
        // Check every field before changing anything: a bad value leaves all the options as they were.
        int? linger = Optional(c, at, -1, int.MaxValue);
        int? noDelay = Optional(c, at + 1, 0, 1);
        int? sndTimeo = Optional(c, at + 2, 0, int.MaxValue);
        int? keepAlive = given == 4 ? Optional(c, at + 3, 0, 7200) : null;
        foreach (var o in id == 5 ? all : [all[id]])
        {
            o.Linger = linger ?? o.Linger;
            o.NoDelay = noDelay ?? o.NoDelay;
            o.SendTimeoutMs = sndTimeo ?? o.SendTimeoutMs;
            o.KeepAlive = keepAlive ?? o.KeepAlive;
        }
    }

    private static int? Optional(CommandContext c, int i, long min, long max) => c.Line.IsEmpty(i) ? null : Int(c, i, min, max);
}
