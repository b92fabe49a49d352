using System.Globalization;
using System.Net;
using Esp32At.Emulator.Commands.Parameters;
using Esp32At.Emulator.Core;
using Esp32At.Emulator.Radio;
using static Esp32At.Emulator.Commands.ArgumentChecks;

namespace Esp32At.Emulator.Commands;

/// <summary>Network services (spec §2.3): PING, CIPSNTPCFG, CIPSNTPTIME, CIPSNTPINTV (v2.4+), MDNS.</summary>
public static class NetServiceCommands
{
    /// <summary>How long AT+PING waits for an echo reply (spec §8: 1 s).</summary>
    public const int PingTimeoutMs = 1000;

    public static void Register(EspEmulator emulator)
    {
        var t = emulator.Commands;
        t.Register("PING", Ping);
        t.Register("CIPSNTPCFG", CipSntpCfg);
        t.Register("CIPSNTPTIME", CipSntpTime);
        if (emulator.Profile.Version >= new Version(2, 4)) t.Register("CIPSNTPINTV", CipSntpIntv);
        t.Register("MDNS", Mdns);
        t.Register("SYSTIMESTAMP", SysTimestamp);
    }

    /// <summary>
    /// AT+SYSTIMESTAMP (spec §1.5, §6): the clock as Unix seconds, query line without CR LF; the set form sets it, so
    /// certificate dates check out without SNTP.
    /// </summary>
    private static void SysTimestamp(CommandContext c)
    {
        if (c.Line.Kind == CommandKind.Query)
        {
            c.Raw($"+SYSTIMESTAMP:{(long)(c.Emulator.Radio.UtcNow() - DateTime.UnixEpoch).TotalSeconds}");
            return;
        }
        if (c.Line.Kind != CommandKind.Set) throw new CommandException(OperationType);
        long seconds = ParameterValidator.Check(c).Long(0);
        c.Emulator.Radio.SetClock(DateTime.UnixEpoch.AddSeconds(seconds));
    }

    private static void Ping(CommandContext c)
    {
        if (c.Line.Kind != CommandKind.Set) throw new CommandException(OperationType);
        var host = ParameterValidator.Check(c).Text(0);
        RequireWifi(c);
        var radio = c.Emulator.Radio;
        bool stationUp = c.State.WifiState == 2;
        IPAddress? ip = IPAddress.TryParse(host, out var literal) && literal.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? literal : null;
        if (ip is null)
        {
            c.Emulator.Clock.Delay(TcpIpNameCommands.LookupTimeMs);
            ip = stationUp ? c.Emulator.Links.Dns.Resolve(host) : null;
            if (ip is null) Timeout(c, waitMs: 0); // DNS failure answers like a timeout
        }
        int? rtt = stationUp || radio.OnSoftApNetwork(ip!) ? radio.PingTime(ip!) : null;
        if (rtt is null) Timeout(c, PingTimeoutMs);
        c.Emulator.Clock.Delay(rtt!.Value);
        c.Info($"+PING:{rtt}");
    }

    private static void Timeout(CommandContext c, int waitMs)
    {
        c.Emulator.Clock.Delay(waitMs);
        c.Info("+PING:TIMEOUT");
        throw new CommandException(ExecutionFailed);
    }

    private static void CipSntpCfg(CommandContext c)
    {
        var w = c.State.Wireless;
        bool v22 = c.Emulator.Profile.Version < new Version(2, 4);
        if (c.Line.Kind == CommandKind.Query)
        {
            var s = w.Sntp;
            if (!s.Enabled) c.Info(v22 ? "+CIPSNTPCFG:0" : $"+CIPSNTPCFG:0,{s.Timezone}");
            // Enabled: listed by spec §1.5 among the query lines without CR LF [UNVERIFIED there].
            else c.Raw($"+CIPSNTPCFG:1,{s.Timezone}" + string.Concat(s.Servers.Select(x => $",\"{x}\"")));
            return;
        }
        if (c.Line.Kind != CommandKind.Set) throw new CommandException(OperationType);
        Count(c, v22 ? 2 : 1, 5); // v2.2 requires the timezone
        bool enable = Int(c, 0, 0, 1) == 1;
        int tz = w.Sntp.Timezone;
        if (!c.Line.IsEmpty(1))
        {
            if (c.Line.IsQuoted(1) || !long.TryParse(c.Line.String(1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var t) || !SntpSettings.IsValidTimezone(t))
                throw Invalid(1);
            tz = (int)t;
        }
        var servers = new List<string>();
        for (int i = 2; i < c.Line.Count; i++)
        {
            if (c.Line.IsEmpty(i)) continue;
            var server = Text(c, i, 64);
            if (server.Length > 0) servers.Add(server);
        }
        w.Sntp = new SntpSettings(enable, tz, servers.Count > 0 ? servers : SntpSettings.DefaultServers);
        // OK comes at once; +TIME_UPDATED follows when a server answered (spec §2.3).
        if (enable) c.AfterFinal = c.Emulator.Radio.StartSntpSync;
    }

    private static void CipSntpTime(CommandContext c)
    {
        if (c.Line.Kind != CommandKind.Query) throw new CommandException(OperationType);
        // asctime() with its '\n' stripped: no CR LF, so no blank line before OK (spec §2.3).
        c.Raw("+CIPSNTPTIME:" + AscTime(c.Emulator.Radio.LocalTime()));
    }

    /// <summary>C's asctime layout: <c>Thu Jan  1 00:00:00 1970</c> (day padded to 2 with a space).</summary>
    internal static string AscTime(DateTime t) =>
        string.Create(CultureInfo.InvariantCulture, $"{t:ddd} {t:MMM} {t.Day,2} {t:HH:mm:ss} {t.Year}");

    private static void CipSntpIntv(CommandContext c)
    {
        var w = c.State.Wireless;
        if (c.Line.Kind == CommandKind.Query)
        {
            c.Info($"+CIPSNTPINTV:{w.SntpIntervalS}");
            return;
        }
        if (c.Line.Kind != CommandKind.Set) throw new CommandException(OperationType);
        w.SntpIntervalS = ParameterValidator.Check(c).Int(0);
    }

    private static void Mdns(CommandContext c)
    {
        var w = c.State.Wireless;
        if (c.Line.Kind != CommandKind.Set) throw new CommandException(OperationType);
        bool enable = Int(c, 0, 0, 1) == 1;
        if (!enable)
        {
            Count(c, 1, 1);
            w.Mdns = null;
            return;
        }
        Count(c, 4, 7 + 2 * 10);
        var hostname = Text(c, 1, 63);
        var service = Text(c, 2, 63);
        if (hostname.Length == 0) throw Invalid(1);
        if (service.Length == 0) throw Invalid(2);
        int port = Int(c, 3, 0, 65535);
        var instance = c.Line.IsEmpty(4) ? hostname : Text(c, 4, 63);
        var proto = c.Line.IsEmpty(5) ? "_tcp" : Text(c, 5, 4);
        if (proto is not ("_tcp" or "_udp")) throw Invalid(5);
        var txt = new List<KeyValuePair<string, string>>();
        if (c.Line.Count > 6)
        {
            int n = Int(c, 6, 1, 10);
            if (c.Line.Count != 7 + 2 * n) throw new CommandException($"0x0106{7 + 2 * n:x2}{c.Line.Count:x2}");
            for (int i = 0; i < n; i++) txt.Add(new(Text(c, 7 + 2 * i, 255), Text(c, 8 + 2 * i, 255)));
        }
        // [UNVERIFIED] mdns_init fails while the responder runs: the host stops it (AT+MDNS=0) before re-advertising.
        if (w.Mdns is not null) throw new CommandException(ExecutionFailed);
        w.Mdns = new MdnsAdvertisement(hostname, service, port, instance, proto, txt);
    }
}
