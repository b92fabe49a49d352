using System.Text;
using Esp32At.Emulator.Commands.Parameters;
using Esp32At.Emulator.Core;
using Esp32At.Emulator.Radio;
using static Esp32At.Emulator.Commands.ArgumentChecks;

namespace Esp32At.Emulator.Commands;

/// <summary>
/// Soft-AP commands (spec §2.2): CWSAP, CWLIF, CWQIF. Stations join and leave through
/// <see cref="RadioControl.StationJoins"/> / <see cref="RadioControl.StationLeaves"/> with their URCs (spec §3).
/// </summary>
public static class SoftApCommands
{
    public static void Register(EspEmulator emulator)
    {
        var t = emulator.Commands;
        t.Register("CWSAP", CwSap);
        t.Register("CWLIF", CwLif);
        t.Register("CWQIF", CwQif);
    }

    private static void CwSap(CommandContext c)
    {
        var w = c.State.Wireless;
        if (c.Line.Kind == CommandKind.Query)
        {
            RequireSoftAp(c);
            var ap = w.SoftAp;
            // The password is printed in clear (spec §2.2).
            c.Info($"+CWSAP:\"{ap.Ssid}\",\"{ap.Password}\",{ap.Channel},{ap.Ecn},{ap.MaxConnections},{ap.Hidden}");
            return;
        }
        if (c.Line.Kind != CommandKind.Set) throw new CommandException(OperationType);
        var a = ParameterValidator.Check(c);
        var ssid = a.Text(0);
        var password = a.TextOr(1) ?? "";
        int channel = a.Int(2), ecn = a.Int(3);
        if (ecn == 1) throw Invalid(3); // WEP is not supported
        if (ecn != 0 && Encoding.UTF8.GetByteCount(password) < 8) throw Length(1);
        int maxConnections = a.IntOr(4, w.SoftAp.MaxConnections);
        int hidden = a.Int(5);
        RequireSoftAp(c);
        var country = w.Country;
        if (channel < country.StartChannel || channel >= country.StartChannel + country.ChannelCount) throw Invalid(2);
        var leaving = c.Emulator.Radio.Stations;
        w.SoftAp = new SoftApConfig(ssid, password, channel, ecn, maxConnections, hidden);
        // A new configuration restarts the AP: its stations are dropped.
        if (leaving.Count > 0) c.AfterFinal = () => { foreach (var s in leaving) c.Emulator.Radio.StationLeaves(s.Mac); };
    }

    private static void CwLif(CommandContext c)
    {
        if (c.Line.Kind != CommandKind.Execute) throw new CommandException(OperationType);
        RequireSoftAp(c);
        // Only stations with a DHCP lease are listed, unquoted (spec §2.2).
        foreach (var s in c.Emulator.Radio.Stations)
            if (s.Ip is not null) c.Info($"+CWLIF:{s.Ip},{s.Mac}");
    }

    private static void CwQif(CommandContext c)
    {
        RequireSoftAp(c);
        IReadOnlyList<SimulatedStation> leaving;
        if (c.Line.Kind == CommandKind.Execute) leaving = c.Emulator.Radio.Stations;
        else if (c.Line.Kind == CommandKind.Set)
        {
            if (!MacAddress.TryParse(ParameterValidator.Check(c).Text(0), out var bytes)) throw Invalid(0);
            var mac = MacAddress.Format(bytes);
            var station = c.Emulator.Radio.Stations.FirstOrDefault(s => s.Mac == mac) ?? throw new CommandException(ExecutionFailed);
            leaving = [station];
        }
        else throw new CommandException(OperationType);
        // The deauthentication events come after the command returned.
        if (leaving.Count > 0) c.AfterFinal = () => { foreach (var s in leaving) c.Emulator.Radio.StationLeaves(s.Mac); };
    }
}
