using System.Net;
using Esp32At.Emulator.Core;
using Esp32At.Emulator.Network;

namespace Esp32At.Emulator.Commands;

/// <summary>
/// Opening, closing and listing links (spec §2.3): CIPSTART and CIPSTARTEX (TCP, UDP with its remote modes, SSL over
/// real TLS; their v6 types over [::1], docs/esp-at-ipv6.md), CIPCLOSE, CIPSTATE, CIPSTATUS; both CIPMUX modes. Sending and receiving are in
/// <see cref="TcpIpSendCommands"/> and <see cref="TcpIpReceiveCommands"/>.
/// </summary>
public static class TcpIpLinkCommands
{
    /// <summary>Longest CIPSTART host (spec §2.3).</summary>
    private const int MaxHostLength = 64;

    public static void Register(EspEmulator emulator)
    {
        var t = emulator.Commands;
        t.Register("CIPSTART", CipStart);
        t.Register("CIPSTARTEX", CipStartEx);
        TcpIpSendCommands.Register(emulator);
        TcpIpReceiveCommands.Register(emulator);
        t.Register("CIPCLOSE", CipClose);
        if (emulator.Profile.HasCipState) t.Register("CIPSTATE", CipState);
        t.Register("CIPSTATUS", CipStatus); // v2.2 has only this; later firmware keeps it (deprecated)
    }

    private static void CipStart(CommandContext c)
    {
        if (c.Line.Kind != CommandKind.Set) throw new CommandException("0x01060000");
        var (id, at) = LinkArguments.Of(c);
        Start(c, id, at);
    }

    /// <summary>CIPSTARTEX: CIPSTART on the lowest unused id (mux), without a <c>+CIPSTARTEX:</c> line.</summary>
    private static void CipStartEx(CommandContext c)
    {
        if (c.Line.Kind != CommandKind.Set) throw new CommandException("0x01060000");
        int id = 0;
        if (c.State.CipMux == 1)
        {
            while (id < 5 && c.Emulator.Links[id] is not null) id++;
            if (id == 5) throw new CommandException("0x010a0000");
        }
        Start(c, id, 0);
    }

    private static void Start(CommandContext c, int id, int at)
    {
        if (c.Line.Count < at + 3) throw new CommandException($"0x0106{at + 3:x2}{c.Line.Count:x2}");
        if (c.State.WifiState != 2) throw new CommandException("0x010a0000"); // no IP (logged as "no ip" on UART0)
        var type = c.Line.String(at);
        var host = c.Line.String(at + 1);
        if (type is not ("TCP" or "UDP" or "SSL" or "TCPv6" or "UDPv6" or "SSLv6")) throw new CommandException($"0x0107{at:x4}");
        bool v6 = type.EndsWith("v6", StringComparison.Ordinal);
        if (host.Length > MaxHostLength) throw new CommandException($"0x0107{at + 1:x4}");
        long port = c.Line.Int(at + 2);
        if (port is < 1 or > 65535) throw new CommandException($"0x0107{at + 2:x4}");
        var links = c.Emulator.Links;
        if (links.Occupied(id)) throw new CommandException("0x010a0000"); // ALREADY CONNECTED (UART0 only)
        if (c.State.CipMode == 1 && (links.Any || links.Server is not null)) throw new CommandException("0x010a0000"); // passthrough: one link
        // docs/esp-at-ipv6.md "Links": a v6 type needs CIPV6=1 and the link-local address; a literal of the other
        // family is "unmatched type and remote host" (v3+; v2.2 fails the connect), a name takes the type's records.
        if (v6 && !c.State.Ipv6.Usable(c.State)) throw new CommandException("0x010a0000");
        var address = links.Dns.Resolve(host, v6 ? DnsFamily.V6Only : DnsFamily.V4Only) ?? throw new CommandException("0x010a0000");
        var remote = new IPEndPoint(address, (int)port);
        EmulatedLink link;
        if (type is "UDP" or "UDPv6")
        {
            long localPort = c.Line.IntOr(at + 3, 0);
            if (localPort is < 0 or > 65535) throw new CommandException($"0x0107{at + 3:x4}");
            if (!c.Line.IsEmpty(at + 4) && c.Line.IsEmpty(at + 3)) throw new CommandException($"0x0107{at + 4:x4}"); // mode needs the local port
            long mode = c.Line.IntOr(at + 4, 0);
            if (mode is < 0 or > 2) throw new CommandException($"0x0107{at + 4:x4}");
            link = links.OpenUdp(id, remote, (int)localPort, (UdpRemoteMode)mode, type);
        }
        else
        {
            long keepAlive = c.Line.IntOr(at + 3, 0);
            if (keepAlive is < 0 or > 7200) throw new CommandException($"0x0107{at + 3:x4}");
            int timeout = Timeout(c, at + 5);
            link = type is "TCP" or "TCPv6" ? links.ConnectTcp(id, remote, timeout, type) : links.ConnectSsl(id, remote, host, timeout, type);
        }
        c.Raw(links.ConnectText(link));
        c.AfterFinal = () => links.StartReading(link);
    }

    /// <summary>The v4.1+ <c>&lt;timeout&gt;</c> (0..60000 ms); older firmware has none and lwIP gives up after its SYN retries.</summary>
    private static int Timeout(CommandContext c, int index)
    {
        if (!c.Emulator.Profile.HasCipStartTimeout || c.Line.IsEmpty(index)) return 5000;
        long timeout = c.Line.Int(index);
        if (timeout is < 0 or > 60000) throw new CommandException($"0x0107{index:x4}");
        return timeout == 0 ? 5000 : (int)timeout;
    }

    private static void CipClose(CommandContext c)
    {
        var links = c.Emulator.Links;
        if (c.State.CipMux == 0)
        {
            if (c.Line.Kind != CommandKind.Execute) throw new CommandException("0x010c0000"); // MUX=0 takes no id
            if (!links.Close(0, "CLOSED\r\n")) throw new CommandException("0x010a0000");
            return;
        }
        if (c.Line.Kind != CommandKind.Set || c.Line.Count != 1) throw new CommandException("0x010c0000");
        long id = c.Line.Int(0);
        if (id == 5)
        {
            for (int i = 0; i < 5; i++) links.Close(i, $"{i},CLOSED\r\n");
            return;
        }
        if (id is < 0 or > 4 || !links.Close((int)id, $"{id},CLOSED\r\n")) throw new CommandException("0x010a0000");
    }

    private static void CipState(CommandContext c)
    {
        if (c.Line.Kind != CommandKind.Query) throw new CommandException();
        foreach (var line in LinkLines(c, "+CIPSTATE")) c.Info(line);
    }

    /// <summary>CIPSTATUS: <c>STATUS:&lt;stat&gt;</c>, then the links as CIPSTATE lists them.</summary>
    private static void CipStatus(CommandContext c)
    {
        if (c.Line.Kind != CommandKind.Execute) throw new CommandException();
        var links = c.Emulator.Links;
        int stat = c.State.WifiState switch
        {
            0 => 1, // initialised, no Wi-Fi connection started
            2 => links.Any ? 3 : links.EverLinked ? 4 : 2,
            _ => 5, // connecting, or connected without IP, or disconnected
        };
        c.Info($"STATUS:{stat}");
        foreach (var line in LinkLines(c, "+CIPSTATUS")) c.Info(line);
    }

    private static IEnumerable<string> LinkLines(CommandContext c, string prefix)
    {
        for (int i = 0; i < 5; i++)
        {
            var link = c.Emulator.Links[i];
            if (link is not null)
                yield return $"{prefix}:{i},\"{link.Type}\",\"{Ipv6Text.Of(link.Remote.Address)}\",{link.Remote.Port},{link.LocalPort},{(link.IsServer ? 1 : 0)}";
        }
    }
}
