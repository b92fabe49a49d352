using Esp32At.Emulator.Core;
using Esp32At.Emulator.Network;

namespace Esp32At.Emulator.Commands;

/// <summary>
/// SSL client settings per link (spec §2.3, §6): CIPSSLCCONF (auth mode, PKI and CA numbers, checked against the
/// certificates in mfg_nvs), CIPSSLCCN, CIPSSLCSNI, CIPSSLCALPN. Id 5 sets every link in multiple-connection mode.
/// The settings take effect at the next SSL CIPSTART (<see cref="TlsHandshake"/>).
/// </summary>
public static class SslCommands
{
    /// <summary>Most ALPN protocols per link (spec §2.3).</summary>
    private const int MaxAlpn = 5;

    public static void Register(EspEmulator emulator)
    {
        var t = emulator.Commands;
        t.Register("CIPSSLCCONF", CipSslCConf);
        t.Register("CIPSSLCCN", c => Name(c, "CIPSSLCCN", cfg => cfg.CommonName, (cfg, v) => cfg.CommonName = v, emptyClears: false));
        // An empty SNI is a valid string parameter that clears the setting (the CIPSTART host is sent again): drivers send
        // AT+CIPSSLCSNI=<id>,"" before every CIPSTART (issue 14 item 1), and real v4.x firmware answers OK.
        t.Register("CIPSSLCSNI", c => Name(c, "CIPSSLCSNI", cfg => cfg.Sni, (cfg, v) => cfg.Sni = v.Length == 0 ? null : v, emptyClears: true));
        t.Register("CIPSSLCALPN", CipSslCAlpn);
    }

    /// <summary>The links a set command addresses: one id, or all five for id 5 (mux); link 0 in single mode.</summary>
    private static (IEnumerable<TlsClientConfig> Targets, int Next) Targets(CommandContext c)
    {
        var (id, at) = LinkArguments.Of(c, idMax: 5);
        var all = c.Emulator.Links.Tls;
        return (id == 5 ? all : [all[id]], at);
    }

    /// <summary>Ids the queries list: 0-4 in multiple-connection mode, 0 in single mode.</summary>
    private static int QueryCount(CommandContext c) => c.State.CipMux == 1 ? 5 : 1;

    private static void CipSslCConf(CommandContext c)
    {
        var all = c.Emulator.Links.Tls;
        if (c.Line.Kind == CommandKind.Query)
        {
            for (int i = 0; i < QueryCount(c); i++) c.Info($"+CIPSSLCCONF:{i},{all[i].AuthMode},{all[i].PkiNumber},{all[i].CaNumber}");
            return;
        }
        if (c.Line.Kind != CommandKind.Set) throw new CommandException();
        var (targets, at) = Targets(c);
        int count = c.Line.Count - at;
        if (count is < 1 or > 3) throw new CommandException("0x01060000");
        long auth = c.Line.Int(at);
        long pki = c.Line.IntOr(at + 1, 0);
        long ca = c.Line.IntOr(at + 2, 0);
        if (auth is < 0 or > 3) throw new CommandException($"0x0107{at:x4}");
        if (pki is < 0 or > 255) throw new CommandException($"0x0107{at + 1:x4}");
        if (ca is < 0 or > 255) throw new CommandException($"0x0107{at + 2:x4}");
        var mfg = c.Emulator.Mfg;
        if (auth is 1 or 3)
        {
            if (mfg.Blob("client_cert", $"client_cert.{pki}") is null) Missing(c, "NO CERT FOUND");
            if (mfg.Blob("client_key", $"client_key.{pki}") is null) Missing(c, "NO PRVT_KEY FOUND");
        }
        if (auth is 2 or 3 && mfg.Blob("client_ca", $"client_ca.{ca}") is null) Missing(c, "NO CA FOUND");
        foreach (var cfg in targets)
        {
            cfg.AuthMode = (int)auth;
            cfg.PkiNumber = (int)pki;
            cfg.CaNumber = (int)ca;
        }
    }

    private static void Missing(CommandContext c, string line)
    {
        c.Info(line);
        throw new CommandException("0x010a0000");
    }

    /// <summary>CIPSSLCCN / CIPSSLCSNI: set <c>[&lt;id&gt;,]"&lt;name&gt;"</c>; the query lists the names unquoted.</summary>
    private static void Name(CommandContext c, string command, Func<TlsClientConfig, string?> get, Action<TlsClientConfig, string> set, bool emptyClears)
    {
        var all = c.Emulator.Links.Tls;
        if (c.Line.Kind == CommandKind.Query)
        {
            for (int i = 0; i < QueryCount(c); i++) c.Info($"+{command}:{i},{get(all[i])}");
            return;
        }
        if (c.Line.Kind != CommandKind.Set) throw new CommandException();
        var (targets, at) = Targets(c);
        if (c.Line.Count != at + 1) throw new CommandException("0x01060000");
        if (!c.Line.IsQuoted(at) || (c.Line.String(at).Length == 0 && !emptyClears)) throw new CommandException($"0x0107{at:x4}");
        foreach (var cfg in targets) set(cfg, c.Line.String(at));
    }

    private static void CipSslCAlpn(CommandContext c)
    {
        var all = c.Emulator.Links.Tls;
        if (c.Line.Kind == CommandKind.Query)
        {
            for (int i = 0; i < QueryCount(c); i++) c.Info($"+CIPSSLCALPN:{i}" + string.Concat(all[i].Alpn.Select(a => "," + a)));
            return;
        }
        if (c.Line.Kind != CommandKind.Set) throw new CommandException();
        var (targets, at) = Targets(c);
        long count = c.Line.Int(at);
        if (count is < 0 or > MaxAlpn) throw new CommandException($"0x0107{at:x4}");
        if (c.Line.Count != at + 1 + count) throw new CommandException("0x01060000");
        var protocols = new List<string>();
        for (int i = 0; i < count; i++)
        {
            var p = c.Line.String(at + 1 + i);
            if (!c.Line.IsQuoted(at + 1 + i) || p.Length == 0) throw new CommandException($"0x0107{at + 1 + i:x4}");
            protocols.Add(p);
        }
        foreach (var cfg in targets) cfg.Alpn = protocols;
    }
}
