using System.Net.Sockets;
using Esp32At.Emulator.Core;
using Esp32At.Emulator.Network;

namespace Esp32At.Emulator.Commands;

/// <summary>
/// AT+CIPSERVER (spec §2.3): one TCP or SSL server in multiple-connection mode, listening on a real 127.0.0.1 port ([::1] for TCPv6/SSLv6)
/// (<see cref="LinkTable.Ports"/> says which); accepted clients become links with the server flag.
/// </summary>
public static class TcpIpServerCommands
{
    /// <summary>The port when CIPSERVER=1 names none.</summary>
    public const int DefaultPort = 333;

    public static void Register(EspEmulator emulator) => emulator.Commands.Register("CIPSERVER", CipServer);

    private static void CipServer(CommandContext c)
    {
        var links = c.Emulator.Links;
        bool hasNetif = c.Emulator.Profile.HasCipStartTimeout; // the v4.1 additions come together (spec §5)
        if (c.Line.Kind == CommandKind.Query)
        {
            var s = links.Server;
            c.Info(s is null ? "+CIPSERVER:0" : $"+CIPSERVER:1,{s.Port},\"{s.Type}\",{(s.CaEnable ? 1 : 0)}" + (hasNetif ? $",{s.Netif}" : ""));
            return;
        }
        if (c.Line.Kind != CommandKind.Set || c.Line.Count < 1) throw new CommandException("0x01060000");
        if (c.State.CipMux != 1) throw new CommandException("0x010c0000");
        long mode = c.Line.Int(0);
        if (mode == 0)
        {
            if (c.Line.Count > 2) throw new CommandException("0x01060000");
            long closeClients = c.Line.IntOr(1, 0);
            if (closeClients is < 0 or > 1) throw new CommandException("0x01070001");
            var server = links.Server ?? throw new CommandException("0x010a0000");
            links.Server = null;
            server.Stop();
            if (closeClients == 1)
                for (int i = 0; i < 5; i++)
                    if (links[i] is { IsServer: true } && links.Close(i)) c.Info($"{i},CLOSED");
            return;
        }
        if (mode != 1) throw new CommandException("0x01070000");
        if (c.Line.Count > (hasNetif ? 5 : 4)) throw new CommandException("0x01060000");
        long port = c.Line.IntOr(1, DefaultPort);
        if (port is < 1 or > 65535) throw new CommandException("0x01070001");
        var type = c.Line.IsEmpty(2) ? "TCP" : c.Line.String(2);
        if (type is not ("TCP" or "SSL" or "TCPv6" or "SSLv6")) throw new CommandException("0x01070002");
        long ca = c.Line.IntOr(3, 0);
        if (ca is < 0 or > 1) throw new CommandException("0x01070003");
        long netif = hasNetif ? c.Line.IntOr(4, 0) : 0;
        if (netif is < 0 or > 3) throw new CommandException("0x01070004");
        if (links.Server is not null) throw new CommandException("0x010a0000"); // one server at a time
        // docs/esp-at-ipv6.md "AT+CIPSERVER on IPv6": after AT+CIPV6=1 and an IPv6 address [UNVERIFIED refusal].
        if (type.EndsWith("v6", StringComparison.Ordinal) && !c.State.Ipv6.Usable(c.State)) throw new CommandException("0x010a0000");
        var listener = new ServerListener(c.Emulator, (int)port, type, ca == 1, (int)netif);
        try { listener.Start(); }
        catch (SocketException) { throw new CommandException("0x010a0000"); }
        links.Server = listener;
    }
}
