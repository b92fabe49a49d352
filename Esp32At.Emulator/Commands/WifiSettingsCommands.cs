using System.Net;
using Esp32At.Emulator.Commands.Parameters;
using Esp32At.Emulator.Core;
using Esp32At.Emulator.Network;
using Esp32At.Emulator.Radio;
using static Esp32At.Emulator.Commands.ArgumentChecks;

namespace Esp32At.Emulator.Commands;

/// <summary>
/// Wi-Fi and IP settings (spec §2.2, §2.3): CWINIT, CWRECONNCFG, CWLAPOPT, CWHOSTNAME, CIPSTAMAC, CIPAPMAC, RFPOWER,
/// CWCOUNTRY, CWDHCP, CIPSTA, CIPAP, CIPDNS, CIFSR.
/// </summary>
public static class WifiSettingsCommands
{
    public static void Register(EspEmulator emulator)
    {
        var t = emulator.Commands;
        if (emulator.Profile.Version >= new Version(3, 2)) t.Register("CWINIT", CwInit);
        t.Register("CWRECONNCFG", CwReconnCfg);
        t.Register("CWLAPOPT", CwLapOpt);
        t.Register("CWHOSTNAME", CwHostname);
        t.Register("CIPSTAMAC", c => Mac(c, station: true));
        t.Register("CIPAPMAC", c => Mac(c, station: false));
        t.Register("RFPOWER", RfPower);
        t.Register("CWCOUNTRY", CwCountry);
        t.Register("CWDHCP", CwDhcp);
        t.Register("CIPSTA", c => IpSettings(c, station: true));
        t.Register("CIPAP", c => IpSettings(c, station: false));
        t.Register("CIPDNS", CipDns);
        t.Register("CIFSR", Cifsr);
    }

    private static void CwInit(CommandContext c)
    {
        var w = c.State.Wireless;
        if (c.Line.Kind == CommandKind.Query)
        {
            c.Info($"+CWINIT:{(w.WifiInitialized ? 1 : 0)}");
            return;
        }
        if (c.Line.Kind != CommandKind.Set) throw new CommandException(OperationType);
        bool init = ParameterValidator.Check(c).Int(0) == 1;
        if (init || !w.WifiInitialized)
        {
            w.WifiInitialized = init;
            return;
        }
        // Deinit stops Wi-Fi: the station's links close and it reports the disconnect; the soft-AP's stations are gone.
        bool wasConnected = c.State.WifiState is 1 or 2;
        lock (w.Gate)
        {
            w.WifiInitialized = false;
            w.Episode++;
            w.Stations.Clear();
            c.State.WifiState = 0;
            c.State.JoinedAp = null;
        }
        if (wasConnected)
            c.AfterFinal = () =>
            {
                c.Emulator.Radio.CloseStationLinks();
                c.Emulator.Radio.ReportDisconnect();
            };
    }

    private static void CwReconnCfg(CommandContext c)
    {
        var w = c.State.Wireless;
        if (c.Line.Kind == CommandKind.Query)
        {
            c.Info($"+CWRECONNCFG:{w.ReconnectInterval},{w.ReconnectRepeat}");
            return;
        }
        if (c.Line.Kind != CommandKind.Set) throw new CommandException(OperationType);
        var p = ParameterValidator.Check(c); // reconnect_now (3rd) exists on master only
        w.ReconnectInterval = p.Int(0);
        w.ReconnectRepeat = p.Int(1);
    }

    private static void CwLapOpt(CommandContext c)
    {
        if (c.Line.Kind != CommandKind.Set) throw new CommandException(OperationType);
        var p = ParameterValidator.Check(c); // <reserved> (the NONOS sort flag): empty, 0 or 1
        c.State.Wireless.Scan = new ScanOptions(p.Int(1), p.Int(2), p.Int(3));
    }

    private static void CwHostname(CommandContext c)
    {
        var w = c.State.Wireless;
        if (c.Line.Kind == CommandKind.Query)
        {
            c.Info($"+CWHOSTNAME:{w.Hostname}"); // unquoted
            return;
        }
        if (c.Line.Kind != CommandKind.Set) throw new CommandException(OperationType);
        var name = ParameterValidator.Check(c).Text(0);
        RequireStation(c);
        w.Hostname = name;
    }

    private static void Mac(CommandContext c, bool station)
    {
        var w = c.State.Wireless;
        string name = station ? "CIPSTAMAC" : "CIPAPMAC";
        if (c.Line.Kind == CommandKind.Query)
        {
            RequireWifi(c);
            c.Info($"+{name}:\"{(station ? w.StationMac : w.ApMac)}\"");
            return;
        }
        if (c.Line.Kind != CommandKind.Set) throw new CommandException(OperationType);
        if (!MacAddress.TryParse(ParameterValidator.Check(c, name).Text(0), out var bytes) || !MacAddress.IsAssignable(bytes)) throw Invalid(0);
        var mac = MacAddress.Format(bytes);
        // [UNVERIFIED] the IDF sets an interface's MAC only while that interface is enabled.
        if (station) RequireStation(c);
        else RequireSoftAp(c);
        if (mac == (station ? w.ApMac : w.StationMac)) throw new CommandException(ExecutionFailed); // STA and AP must differ
        if (station) w.StationMac = mac;
        else w.ApMac = mac;
    }

    private static void RfPower(CommandContext c)
    {
        var power = c.State.Wireless.RfPower;
        if (c.Line.Kind == CommandKind.Query)
        {
            RequireWifi(c);
            c.Info($"+RFPOWER:{power[0]},{power[1]},{power[2]},{power[3]}");
            return;
        }
        if (c.Line.Kind != CommandKind.Set) throw new CommandException(OperationType);
        var p = ParameterValidator.Check(c);
        int wifi = p.Int(0);
        var ble = new int[3];
        for (int i = 0; i < 3; i++) ble[i] = p.IntOr(i + 1, -1);
        RequireWifi(c);
        power[0] = wifi;
        // The scan and connection powers follow the advertising power when not given.
        if (ble[0] >= 0) for (int i = 0; i < 3; i++) power[i + 1] = ble[i] >= 0 ? ble[i] : ble[0];
    }

    private static void CwCountry(CommandContext c)
    {
        var w = c.State.Wireless;
        if (c.Line.Kind == CommandKind.Query)
        {
            RequireWifi(c);
            var k = w.Country;
            c.Info($"+CWCOUNTRY:{k.Policy},\"{k.Code}\",{k.StartChannel},{k.ChannelCount}");
            return;
        }
        if (c.Line.Kind != CommandKind.Set) throw new CommandException(OperationType);
        var p = ParameterValidator.Check(c);
        int policy = p.Int(0), start = p.Int(2), count = p.Int(3);
        var code = p.Text(1);
        if (!code.All(char.IsAsciiLetterOrDigit)) throw Invalid(1);
        if (start + count - 1 > 14) throw Invalid(3);
        RequireWifi(c);
        w.Country = new CountrySettings(policy, code, start, count);
    }

    private static void CwDhcp(CommandContext c)
    {
        var w = c.State.Wireless;
        if (c.Line.Kind == CommandKind.Query)
        {
            c.Raw($"+CWDHCP:{w.Dhcp}"); // no CR LF (spec §1.5)
            return;
        }
        if (c.Line.Kind != CommandKind.Set) throw new CommandException(OperationType);
        var p = ParameterValidator.Check(c);
        bool enable = p.Int(0) == 1;
        int mask = p.Int(1);
        lock (w.Gate)
        {
            if ((mask & 1) != 0)
            {
                // Stopping the DHCP client keeps the current lease as a static address; starting it drops the static one.
                w.StationStatic = enable ? null : w.StationAddress(c.State.WifiState == 2);
            }
            w.Dhcp = enable ? w.Dhcp | mask : w.Dhcp & ~mask;
        }
    }

    private static void IpSettings(CommandContext c, bool station)
    {
        var w = c.State.Wireless;
        string name = station ? "CIPSTA" : "CIPAP";
        if (station) RequireStation(c);
        else RequireSoftAp(c);
        if (c.Line.Kind == CommandKind.Query)
        {
            var ip = station ? w.StationAddress(c.State.WifiState == 2) : w.ApIp;
            c.Info($"+{name}:ip:\"{ip.Ip}\"");
            c.Info($"+{name}:gateway:\"{ip.Gateway}\"");
            c.Info($"+{name}:netmask:\"{ip.Netmask}\"");
            if (!station) return; // the emulated soft-AP has no IPv6 address (docs/esp-at-ipv6.md)
            var (ll, gl) = c.State.Ipv6.Text(c.State);
            if (ll is not null) c.Info($"+CIPSTA:ip6ll:\"{ll}\"");
            if (gl is not null) c.Info($"+CIPSTA:ip6gl:\"{gl}\"");
            return;
        }
        if (c.Line.Kind != CommandKind.Set) throw new CommandException(OperationType);
        var p = ParameterValidator.Check(c, name);
        var address = Ipv4(p.Text(0), 0);
        var q = address.Split('.');
        // [UNVERIFIED] without gateway and mask: a /24 whose gateway is .1 (station) or the AP itself.
        var gateway = p.Given == 3 ? Ipv4(p.Text(1), 1) : station ? $"{q[0]}.{q[1]}.{q[2]}.1" : address;
        var mask = p.Given == 3 ? Ipv4(p.Text(2), 2) : "255.255.255.0";
        var config = new IpConfig(address, gateway, mask);
        lock (w.Gate)
        {
            // A static address turns that interface's DHCP off (spec §2.2 CWDHCP: the last one wins).
            if (station)
            {
                w.StationStatic = config;
                w.Dhcp &= ~1;
            }
            else
            {
                w.ApIp = config;
                w.Dhcp &= ~2;
            }
        }
    }

    private static void CipDns(CommandContext c)
    {
        var w = c.State.Wireless;
        if (c.Line.Kind == CommandKind.Query)
        {
            var servers = w.DnsManual ? w.DnsServers : AutomaticDns(c);
            c.Info($"+CIPDNS:{(w.DnsManual ? 1 : 0)}" + string.Concat(servers.Select(s => $",\"{s}\"")));
            return;
        }
        if (c.Line.Kind != CommandKind.Set) throw new CommandException(OperationType);
        bool manual = ParameterValidator.Check(c).Int(0) == 1;
        if (!manual)
        {
            if (c.Line.Count > 1) throw new CommandException("0x01060102");
            w.DnsManual = false;
            return;
        }
        var given = ParameterValidator.Check(c, "CIPDNS:servers", from: 1);
        var list = new List<string>();
        for (int i = 0; i < given.Given; i++)
        {
            // IPv6 servers too (docs/esp-at-ipv6.md "Names"), kept in the firmware's address text.
            var ip = Ipv6Text.IsIpv6Literal(given.Text(i)) ? Ipv6Text.Of(IPAddress.Parse(given.Text(i))) : Ipv4(given.Text(i), i + 1);
            if (list.Contains(ip) || ip == "0.0.0.0") throw Invalid(i + 1); // the servers must be distinct
            list.Add(ip);
        }
        w.DnsManual = true;
        w.DnsServers = list.Count > 0 ? list : RadioState.FallbackDns;
    }

    /// <summary>Automatic DNS: the DHCP server's resolver (the gateway) in the first slot once leased, else the fallbacks.</summary>
    private static IReadOnlyList<string> AutomaticDns(CommandContext c)
    {
        var w = c.State.Wireless;
        if (c.State.WifiState != 2 || w.StationStatic is not null || (w.Dhcp & 1) == 0) return RadioState.FallbackDns;
        return [w.StationAddress(true).Gateway, .. RadioState.FallbackDns.Skip(1)];
    }

    private static void Cifsr(CommandContext c)
    {
        if (c.Line.Kind != CommandKind.Execute) throw new CommandException(OperationType);
        RequireWifi(c);
        var w = c.State.Wireless;
        if (c.State.CwMode is 2 or 3)
        {
            c.Info($"+CIFSR:APIP,\"{w.ApIp.Ip}\"");
            c.Info($"+CIFSR:APMAC,\"{w.ApMac}\"");
        }
        if (c.State.CwMode is 1 or 3)
        {
            c.Info($"+CIFSR:STAIP,\"{w.StationAddress(c.State.WifiState == 2).Ip}\"");
            var (ll, gl) = c.State.Ipv6.Text(c.State);
            if (ll is not null) c.Info($"+CIFSR:STAIP6LL,\"{ll}\"");
            if (gl is not null) c.Info($"+CIFSR:STAIP6GL,\"{gl}\"");
            c.Info($"+CIFSR:STAMAC,\"{w.StationMac}\"");
        }
    }
}
