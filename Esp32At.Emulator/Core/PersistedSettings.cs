namespace Esp32At.Emulator.Core;

/// <summary>
/// What a successful command writes to NVS (spec §2.1 AT+SYSSTORE): with SYSSTORE=1 the settings of SYSMSG, CWMODE,
/// CWJAP, CWSAP, CWRECONNCFG, CIPSTA, CIPAP, CIPSTAMAC, CIPAPMAC, CIPDNS, CWDHCP and CIPV6 (docs/esp-at-ipv6.md); CWAUTOCONN always. (UART_DEF is
/// kept by <see cref="EmulatorState.UartBootBaud"/>; CIPSSLCCONF by the link table.) A CWJAP stores its target even
/// when the join fails: the IDF saves the configuration before connecting.
/// </summary>
public static class PersistedSettings
{
    private static readonly HashSet<string> AlwaysPersistent = new(StringComparer.Ordinal) { "CWAUTOCONN" };

    /// <summary>Called after every command; saves its settings when it is a set (or CWJAP) form that NVS keeps.</summary>
    public static void AfterCommand(EspEmulator emulator, AtCommandLine line, bool succeeded)
    {
        bool join = line.Name == "CWJAP" && line.Kind == CommandKind.Set;
        if (!succeeded && !join) return;
        if (line.Kind != CommandKind.Set) return;
        if (emulator.State.SysStore != 1 && !AlwaysPersistent.Contains(line.Name)) return;
        var restore = Capture(line.Name, emulator.State);
        if (restore is not null) emulator.Nvs.Save(line.Name, restore);
    }

    /// <summary>A closure that puts back the values <paramref name="name"/> set in <paramref name="s"/>, or null when NVS does not keep them.</summary>
    private static Action<EmulatorState>? Capture(string name, EmulatorState s)
    {
        var w = s.Wireless;
        switch (name)
        {
            case "SYSMSG": { var v = s.SysMsg; return t => t.SysMsg = v; }
            case "CWMODE": { var v = s.CwMode; return t => t.CwMode = v; }
            case "CWJAP":
            {
                var (target, join, interval) = (w.StoredJoin, w.Join, w.ReconnectInterval);
                return t => (t.Wireless.StoredJoin, t.Wireless.Join, t.Wireless.ReconnectInterval) = (target, join, interval);
            }
            case "CWSAP": { var v = w.SoftAp; return t => t.Wireless.SoftAp = v; }
            case "CWRECONNCFG":
            {
                var (interval, repeat) = (w.ReconnectInterval, w.ReconnectRepeat);
                return t => (t.Wireless.ReconnectInterval, t.Wireless.ReconnectRepeat) = (interval, repeat);
            }
            case "CIPSTA": case "CWDHCP":
            {
                var (ip, ap, dhcp) = (w.StationStatic, w.ApIp, w.Dhcp);
                return t => (t.Wireless.StationStatic, t.Wireless.ApIp, t.Wireless.Dhcp) = (ip, ap, dhcp);
            }
            case "CIPAP":
            {
                var (ap, dhcp) = (w.ApIp, w.Dhcp);
                return t => (t.Wireless.ApIp, t.Wireless.Dhcp) = (ap, dhcp);
            }
            case "CIPSTAMAC": { var v = w.StationMac; return t => t.Wireless.StationMac = v; }
            case "CIPAPMAC": { var v = w.ApMac; return t => t.Wireless.ApMac = v; }
            case "CIPDNS":
            {
                var (manual, servers) = (w.DnsManual, w.DnsServers);
                return t => (t.Wireless.DnsManual, t.Wireless.DnsServers) = (manual, servers);
            }
            case "CIPV6": { var v = s.Ipv6.Enabled; return t => t.Ipv6.Enabled = v; }
            case "CWAUTOCONN": { var v = w.AutoConnect; return t => t.Wireless.AutoConnect = v; }
            default: return null;
        }
    }
}
