using System.Text;
using Esp32At.Emulator.Commands.Parameters;
using Esp32At.Emulator.Core;
using Esp32At.Emulator.Radio;
using static Esp32At.Emulator.Commands.ArgumentChecks;

namespace Esp32At.Emulator.Commands;

/// <summary>Wi-Fi station commands (spec §2.2): CWMODE, CWJAP, CWQAP, CWSTATE, CWLAP, CWAUTOCONN.</summary>
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
        t.Register("CWAUTOCONN", CwAutoConn);
    }

    /// <summary>CWAUTOCONN (spec §2.1, §8): auto-connect at boot, default 1, always saved; the query line has no CR LF.</summary>
    private static void CwAutoConn(CommandContext c)
    {
        var w = c.State.Wireless;
        if (c.Line.Kind == CommandKind.Query)
        {
            c.Raw($"+CWAUTOCONN:{(w.AutoConnect ? 1 : 0)}");
            return;
        }
        if (c.Line.Kind != CommandKind.Set) throw new CommandException(OperationType);
        w.AutoConnect = ParameterValidator.Check(c).Int(0) == 1;
    }

    private static void CwMode(CommandContext c)
    {
        if (c.Line.Kind == CommandKind.Query)
        {
            c.Info($"+CWMODE:{c.State.CwMode}");
            return;
        }
        if (c.Line.Kind != CommandKind.Set) throw new CommandException(OperationType);
        // AT+CWMODE=<mode>[,<auto_connect>]: an omitted <auto_connect> (AT+CWMODE=1,) is OMITTED and keeps its
        // default 1 (Wi-Fi_AT_Commands.rst); only a present value is range-checked.
        int mode = ParameterValidator.Check(c).Int(0);
        RequireWifi(c);
        bool stationOff = c.State.CwMode is 1 or 3 && mode is not (1 or 3);
        bool softApOff = c.State.CwMode is 2 or 3 && mode is not (2 or 3);
        c.State.CwMode = mode;
        var radio = c.Emulator.Radio;
        var leaving = softApOff ? radio.Stations : [];
        bool wasConnected = stationOff && c.State.WifiState is 1 or 2;
        if (stationOff) StopStation(c);
        if (!wasConnected && leaving.Count == 0) return;
        c.AfterFinal = () =>
        {
            // [UNVERIFIED] The AP deauthenticates its stations when it stops; the station side behaves like CWQAP.
            foreach (var s in leaving) radio.StationLeaves(s.Mac);
            if (wasConnected)
            {
                radio.CloseStationLinks();
                radio.ReportDisconnect();
            }
        };
    }

    private static void CwJap(CommandContext c)
    {
        RequireStation(c);
        var wireless = c.State.Wireless;
        switch (c.Line.Kind)
        {
            case CommandKind.Query:
                // Never prints the password; prints nothing at all when not connected (spec §2.2).
                var ap = c.State.JoinedAp;
                var p = wireless.Join;
                if (ap is not null && c.State.WifiState is 1 or 2)
                    c.Info($"+CWJAP:\"{ap.Ssid}\",\"{ap.Bssid}\",{ap.Channel},{ap.Rssi},{p.PciEn},{wireless.ReconnectInterval},{p.ListenInterval},{p.ScanMode},{p.Pmf}");
                return;
            case CommandKind.Execute:
                // Reconnects with the stored configuration.
                var stored = wireless.StoredJoin ?? throw new CommandException(ExecutionFailed);
                Join(c, stored.Ssid, stored.Password, stored.Bssid);
                return;
            case CommandKind.Set:
                var a = ParameterValidator.Check(c);
                var ssid = a.Text(0);
                var password = a.TextOr(1) ?? "";
                string? bssid = null;
                if (a.Has(2))
                {
                    if (!MacAddress.TryParse(a.Text(2), out var mac)) throw Invalid(2);
                    bssid = MacAddress.Format(mac);
                }
                var join = new JoinParameters(a.Int(3), a.Int(4), a.Int(5), a.Int(6), a.Int(7), a.Int(8));
                wireless.Join = join;
                wireless.ReconnectInterval = join.ReconnectInterval;
                wireless.StoredJoin = (ssid, password, bssid);
                Join(c, ssid, password, bssid);
                return;
            default:
                throw new CommandException(OperationType);
        }
    }

    private static void Join(CommandContext c, string ssid, string password, string? bssid)
    {
        var radio = c.Emulator.Radio;
        var options = c.Emulator.Options;
        if (c.State.JoinedAp is not null && c.State.WifiState is 1 or 2) c.Emulator.Links.DropAll();
        lock (c.State.Wireless.Gate)
        {
            c.State.Wireless.Episode++; // cancels a pending auto-reconnect
            c.State.WifiState = 3;
        }
        int failure = radio.Joiner.Evaluate(ssid, password, bssid, out var target);
        c.Emulator.Clock.Delay(failure == 1 ? c.State.Wireless.Join.JapTimeoutS * 1000 : options.JoinTimeMs);
        if (failure != 0)
        {
            c.State.WifiState = 4;
            c.State.JoinedAp = null;
            radio.ReportDisconnect();
            c.Info($"+CWJAP:{failure}");
            radio.Joiner.RetryAfterFailedJoin(); // reconnect attempts follow a failed join (spec §3 WIFI DISCONNECT)
            throw new CommandException(ExecutionFailed);
        }
        radio.Associate(target!, fromCommand: true);
        c.AfterFinal = radio.StartIpv6; // "WIFI GOT IPv6 LL/GL" follow the OK (docs/esp-at-ipv6.md)
    }

    private static void CwQap(CommandContext c)
    {
        if (c.Line.Kind != CommandKind.Execute) throw new CommandException(OperationType);
        bool wasConnected = c.State.WifiState is 1 or 2;
        StopStation(c);
        if (!wasConnected) return;
        c.AfterFinal = () =>
        {
            // Links on the station interface close with Wi-Fi (spec §7.11); DISCONNECT follows OK asynchronously.
            c.Emulator.Radio.CloseStationLinks();
            c.Emulator.Radio.ReportDisconnect();
        };
    }

    /// <summary>Disconnects the station and stops auto-reconnect (the URCs are the caller's).</summary>
    private static void StopStation(CommandContext c)
    {
        lock (c.State.Wireless.Gate)
        {
            c.State.Wireless.Episode++;
            if (c.State.WifiState != 0) c.State.WifiState = 4;
            c.State.JoinedAp = null;
        }
    }

    private static void CwState(CommandContext c)
    {
        if (c.Line.Kind != CommandKind.Query) throw new CommandException(OperationType);
        c.Info($"+CWSTATE:{c.State.WifiState},\"{c.State.JoinedAp?.Ssid ?? ""}\"");
    }

    private static void CwLap(CommandContext c)
    {
        RequireStation(c);
        string? onlySsid = null, onlyMac = null;
        int? onlyChannel = null;
        bool passive = false;
        int minMs = 0, maxMs = 0, bitmap = 0;
        if (c.Line.Kind == CommandKind.Set)
        {
            // The 2.4 GHz channel bitmap (7th argument) exists from v4.1 (the table's two CWLAP forms).
            var a = ParameterValidator.Check(c);
            onlySsid = a.TextOr(0);
            if (a.Has(1))
            {
                if (!MacAddress.TryParse(a.Text(1), out var mac)) throw Invalid(1);
                onlyMac = MacAddress.Format(mac);
            }
            if (a.Has(2)) onlyChannel = a.Int(2);
            passive = a.Int(3) == 1;
            minMs = a.Int(4);
            maxMs = a.Int(5);
            bitmap = a.IntOr(6, 0);
        }
        else if (c.Line.Kind != CommandKind.Execute) throw new CommandException(OperationType);
        c.Emulator.Clock.Delay(ScanTiming.DurationMs(ScanTiming.Channels(c.State.Wireless.Country, onlyChannel, bitmap), passive, minMs, maxMs));
        var opt = c.State.Wireless.Scan;
        // Scan records come strongest first (the IDF sorts them by RSSI).
        var found = c.Emulator.Radio.AccessPointsInRange
            .Where(a => (onlySsid is null || a.Ssid == onlySsid) && (onlyMac is null || a.Bssid == onlyMac) && (onlyChannel is null || a.Channel == onlyChannel))
            .Where(a => a.Rssi >= opt.RssiFilter && (a.Ecn > 15 || (opt.AuthModeMask >> a.Ecn & 1) != 0))
            .OrderByDescending(a => a.Rssi);
        foreach (var ap in found) c.Info(LapLine(ap, opt.PrintMask));
    }

    /// <summary>One scan line with the fields <paramref name="mask"/> selects, in order, the first without a comma (spec §2.2).</summary>
    internal static string LapLine(AccessPoint ap, int mask)
    {
        object[] fields = [ap.Ecn, $"\"{ap.Ssid}\"", ap.Rssi, $"\"{ap.Bssid}\"", ap.Channel, -1, -1, ap.PairwiseCipher, ap.GroupCipher, 7, 0];
        var sb = new StringBuilder("+CWLAP:(");
        bool first = true;
        for (int i = 0; i < fields.Length; i++)
        {
            if ((mask >> i & 1) == 0) continue;
            if (!first) sb.Append(',');
            sb.Append(fields[i]);
            first = false;
        }
        return sb.Append(')').ToString();
    }
}
