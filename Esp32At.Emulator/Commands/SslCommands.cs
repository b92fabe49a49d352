using Esp32At.Emulator.Commands.Parameters;
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

    public static void Register(EspEmulator emulator)
    {
        var t = emulator.Commands;
        t.Register("CIPSSLCCONF", CipSslCConf);
        t.Register("CIPSSLCCN", c => Name(c, "CIPSSLCCN", cfg => cfg.CommonName, (cfg, v) => cfg.CommonName = v));
        // An empty SNI is a valid string parameter that clears the setting (the CIPSTART host is sent again): drivers send
        // AT+CIPSSLCSNI=<id>,"" before every CIPSTART (issue 14 item 1), and real v4.x firmware answers OK.
        t.Register("CIPSSLCSNI", c => Name(c, "CIPSSLCSNI", cfg => cfg.Sni, (cfg, v) => cfg.Sni = v.Length == 0 ? null : v));
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
        var p = ParameterValidator.Check(c, from: at);
        int auth = p.Int(0), pki = p.Int(1), ca = p.Int(2);
        var mfg = c.Emulator.Mfg;
        if (auth is 1 or 3)
        {
            if (mfg.Blob("client_cert", $"client_cert.{pki}") is null) Missing(c, "NO CERT FOUND");
            if (mfg.Blob("client_key", $"client_key.{pki}") is null) Missing(c, "NO PRVT_KEY FOUND");
        }
        if (auth is 2 or 3 && mfg.Blob("client_ca", $"client_ca.{ca}") is null) Missing(c, "NO CA FOUND");
        foreach (var cfg in targets)
        {
            cfg.AuthMode = auth;
            cfg.PkiNumber = pki;
            cfg.CaNumber = ca;
        }
    }

    private static void Missing(CommandContext c, string line)
    {
        c.Info(line);
        throw new CommandException("0x010a0000");
    }

    /// <summary>CIPSSLCCN / CIPSSLCSNI: set <c>[&lt;id&gt;,]"&lt;name&gt;"</c>; the query lists the names unquoted.</summary>
    private static void Name(CommandContext c, string command, Func<TlsClientConfig, string?> get, Action<TlsClientConfig, string> set)
    {
        var all = c.Emulator.Links.Tls;
        if (c.Line.Kind == CommandKind.Query)
        {
            for (int i = 0; i < QueryCount(c); i++) c.Info($"+{command}:{i},{get(all[i])}");
            return;
        }
        if (c.Line.Kind != CommandKind.Set) throw new CommandException();
        var (targets, at) = Targets(c);
        var name = ParameterValidator.Check(c, command, from: at).Text(0); // CIPSSLCSNI allows "", CIPSSLCCN does not
        foreach (var cfg in targets) set(cfg, name);
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
        var p = ParameterValidator.Check(c, from: at); // <counts> (0-5) says how many names follow
        var protocols = new List<string>();
        for (int i = 0; i < p.Int(0); i++) protocols.Add(p.Text(1 + i));
        foreach (var cfg in targets) cfg.Alpn = protocols;
    }
}
