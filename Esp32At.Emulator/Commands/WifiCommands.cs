using System.Text;
using Esp32At.Emulator.Core;
using Esp32At.Emulator.Radio;

namespace Esp32At.Emulator.Commands;

/// <summary>Wi-Fi station commands (spec §2.2): CWMODE, CWJAP, CWQAP, CWSTATE, CWLAP.</summary>
public static class WifiCommands
{
    public static void Register(EspEmulator emulator)
    {
        var t = emulator.Commands;
        t.Register("CWMODE", CwMode);
        t.Register("CWJAP", CwJap);
        t.Register("CWQAP", CwQap);
        t.Register("CWSTATE", CwState);
        t.Register("CWLAP", CwLap);
    }

    private static bool StationMode(CommandContext c) => c.State.CwMode is 1 or 3;

    private static void CwMode(CommandContext c)
    {
        if (c.Line.Kind == CommandKind.Query)
        {
            c.Info($"+CWMODE:{c.State.CwMode}");
            return;
        }
        if (c.Line.Kind != CommandKind.Set || c.Line.Count is < 1 or > 2) throw new CommandException("0x01060000");
        long mode = c.Line.Int(0);
        if (mode is < 0 or > 3) throw new CommandException("0x01070000");
        c.State.CwMode = (int)mode;
    }

    private static void CwJap(CommandContext c)
    {
        if (!StationMode(c)) throw new CommandException("0x010a0000");
        if (c.Line.Kind == CommandKind.Query)
        {
            // Never prints the password; prints nothing at all when not connected (spec §2.2).
            var ap = c.State.JoinedAp;
            if (ap is not null && c.State.WifiState is 1 or 2)
                c.Info($"+CWJAP:\"{ap.Ssid}\",\"{ap.Bssid}\",{ap.Channel},{ap.Rssi},0,1,3,0,1");
            return;
        }
        if (c.Line.Kind != CommandKind.Set || c.Line.Count < 2) throw new CommandException("0x01060000");
        var ssid = c.Line.String(0);
        var password = c.Line.String(1);
        if (Encoding.UTF8.GetByteCount(ssid) > 32 || Encoding.UTF8.GetByteCount(password) > 64) throw new CommandException("0x01040000");
        if (c.State.JoinedAp is not null && c.State.WifiState is 1 or 2) c.Emulator.Links.DropAll();
        c.State.WifiState = 3;
        var target = c.Emulator.Options.AccessPoints.FirstOrDefault(a => a.Ssid == ssid);
        int failure = target is null ? 3 : target.Password != password ? 2 : 0;
        if (failure != 0)
        {
            c.Emulator.Clock.Delay(c.Emulator.Options.JoinTimeMs);
            c.State.WifiState = 4;
            c.State.JoinedAp = null;
            if (!c.State.DisconnectReported) c.Info("WIFI DISCONNECT");
            c.State.DisconnectReported = true;
            c.Info($"+CWJAP:{failure}");
            throw new CommandException("0x010a0000");
        }
        c.Emulator.Clock.Delay(c.Emulator.Options.JoinTimeMs);
        c.State.JoinedAp = target;
        c.State.WifiState = 1;
        c.Info("WIFI CONNECTED");
        c.Emulator.Clock.Delay(c.Emulator.Options.JoinTimeMs / 2);
        c.State.WifiState = 2;
        c.State.DisconnectReported = false;
        c.Info("WIFI GOT IP");
    }

    private static void CwQap(CommandContext c)
    {
        if (c.Line.Kind != CommandKind.Execute) throw new CommandException();
        bool wasConnected = c.State.WifiState is 1 or 2;
        c.State.WifiState = 4;
        c.State.JoinedAp = null;
        if (!wasConnected) return;
        c.AfterFinal = () =>
        {
            // Links on the station interface close with Wi-Fi (spec §7.11); DISCONNECT follows OK asynchronously.
            for (int i = 0; i < 5; i++) if (c.Emulator.Links.Close(i)) c.Emulator.Output($"{i},CLOSED\r\n");
            if (!c.State.DisconnectReported) c.Emulator.Output("WIFI DISCONNECT\r\n");
            c.State.DisconnectReported = true;
        };
    }

    private static void CwState(CommandContext c)
    {
        if (c.Line.Kind != CommandKind.Query) throw new CommandException();
        c.Info($"+CWSTATE:{c.State.WifiState},\"{c.State.JoinedAp?.Ssid ?? ""}\"");
    }

    private static void CwLap(CommandContext c)
    {
        if (!StationMode(c)) throw new CommandException("0x010a0000");
        if (c.Line.Kind is not (CommandKind.Execute or CommandKind.Set)) throw new CommandException();
        string? onlySsid = c.Line.Kind == CommandKind.Set && !c.Line.IsEmpty(0) ? c.Line.String(0) : null;
        c.Emulator.Clock.Delay(c.Emulator.Options.ScanTimeMs);
        foreach (var ap in c.Emulator.Options.AccessPoints.Where(a => onlySsid is null || a.Ssid == onlySsid))
            c.Info($"+CWLAP:({ap.Ecn},\"{ap.Ssid}\",{ap.Rssi},\"{ap.Bssid}\",{ap.Channel},-1,-1,4,4,7,0)");
    }
}
