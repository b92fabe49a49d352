using System.Net;
using System.Text;
using Esp32At.Emulator.Core;
using Esp32At.Emulator.Network;

namespace Esp32At.Emulator.Commands;

/// <summary>
/// Link commands in multiple-connection mode (spec §2.3): CIPSTART (TCP), CIPSEND, CIPRECVDATA, CIPRECVLEN, CIPCLOSE,
/// CIPSTATE. Single-connection mode (CIPMUX=0) forms are not emulated yet and answer ERROR.
/// </summary>
public static class TcpIpLinkCommands
{
    public static void Register(EspEmulator emulator)
    {
        var t = emulator.Commands;
        t.Register("CIPSTART", CipStart);
        t.Register("CIPSEND", CipSend);
        t.Register("CIPRECVDATA", CipRecvData);
        t.Register("CIPRECVLEN", CipRecvLen);
        t.Register("CIPCLOSE", CipClose);
        if (emulator.Profile.HasCipState) t.Register("CIPSTATE", CipState);
    }

    private static int LinkId(CommandContext c, int arg)
    {
        if (c.State.CipMux != 1) throw new CommandException("0x010c0000");
        long id = c.Line.Int(arg);
        return id is >= 0 and < 5 ? (int)id : throw new CommandException("0x01070000");
    }

    private static void CipStart(CommandContext c)
    {
        if (c.Line.Kind != CommandKind.Set || c.Line.Count < 4) throw new CommandException("0x01060000");
        int id = LinkId(c, 0);
        if (c.State.WifiState != 2) throw new CommandException("0x010a0000"); // no IP (logged as "no ip" on UART0)
        if (c.Line.String(1) != "TCP") throw new CommandException("0x01070000"); // UDP/SSL: not emulated yet
        var address = c.Emulator.Links.Dns.Resolve(c.Line.String(2)) ?? throw new CommandException("0x010a0000");
        long port = c.Line.Int(3);
        if (port is < 1 or > 65535) throw new CommandException("0x01070000");
        int timeout = c.Emulator.Profile.HasCipStartTimeout ? (int)c.Line.IntOr(6, 5000) : 5000;
        var link = c.Emulator.Links.ConnectTcp(id, new IPEndPoint(address, (int)port), timeout);
        c.Info($"{id},CONNECT");
        c.AfterFinal = () => c.Emulator.Links.StartReading(link);
    }

    private static void CipSend(CommandContext c)
    {
        if (c.Line.Kind != CommandKind.Set || c.Line.Count != 2) throw new CommandException("0x01060000");
        int id = LinkId(c, 0);
        long length = c.Line.Int(1);
        var link = c.Emulator.Links[id] ?? throw new CommandException("0x010a0000");
        if (length < 1 || length > c.Emulator.Profile.CipSendMax) throw new CommandException("0x01070000");
        var data = c.Emulator.Profile.PromptInTwoWrites
            ? c.ReadData((int)length, "\r\nOK\r\n", "\r\n>")
            : c.ReadData((int)length, "\r\nOK\r\n\r\n>");
        c.Raw($"\r\nRecv {length} bytes\r\n");
        try
        {
            link.Socket.Send(data);
            c.FinalResult = "\r\nSEND OK\r\n";
        }
        catch (Exception e) when (e is System.Net.Sockets.SocketException or ObjectDisposedException)
        {
            c.FinalResult = "\r\nSEND FAIL\r\n";
        }
    }

    private static void CipRecvData(CommandContext c)
    {
        if (c.Line.Kind != CommandKind.Set || c.Line.Count < 2) throw new CommandException("0x01060000");
        int id = LinkId(c, 0);
        long max = c.Line.Int(1);
        if (max < 1) throw new CommandException("0x01070000");
        var link = c.Emulator.Links[id] ?? throw new CommandException("0x010a0000");
        if (c.State.RecvMode[id] != 1 || link.Buffered == 0) throw new CommandException("0x010a0000");
        var data = link.Take((int)Math.Min(max, int.MaxValue));
        var header = c.State.CipDInfo
            ? $"+CIPRECVDATA:{data.Length},\"{link.Remote.Address}\",{link.Remote.Port},"
            : $"+CIPRECVDATA:{data.Length},";
        var head = Encoding.ASCII.GetBytes(header);
        var reply = new byte[head.Length + data.Length];
        head.CopyTo(reply, 0);
        data.CopyTo(reply, head.Length);
        c.Emulator.Output(reply);
        c.FinalResult = "\r\nOK\r\n";
        c.AfterFinal = () => c.Emulator.Links.AfterRead(link);
    }

    private static void CipRecvLen(CommandContext c)
    {
        if (c.Line.Kind != CommandKind.Query) throw new CommandException();
        var lengths = Enumerable.Range(0, 5).Select(i => c.Emulator.Links[i]?.Buffered ?? -1);
        c.Info("+CIPRECVLEN:" + string.Join(",", lengths));
    }

    private static void CipClose(CommandContext c)
    {
        if (c.Line.Kind != CommandKind.Set || c.Line.Count != 1) throw new CommandException("0x01060000");
        long id = c.Line.Int(0);
        if (c.State.CipMux != 1) throw new CommandException("0x010c0000");
        if (id == 5)
        {
            for (int i = 0; i < 5; i++) if (c.Emulator.Links.Close(i)) c.Info($"{i},CLOSED");
            return;
        }
        if (id is < 0 or > 4 || !c.Emulator.Links.Close((int)id)) throw new CommandException("0x010a0000");
        c.Info($"{id},CLOSED");
    }

    private static void CipState(CommandContext c)
    {
        if (c.Line.Kind != CommandKind.Query) throw new CommandException();
        for (int i = 0; i < 5; i++)
        {
            var link = c.Emulator.Links[i];
            if (link is not null) c.Info($"+CIPSTATE:{i},\"{link.Type}\",\"{link.Remote.Address}\",{link.Remote.Port},{link.LocalPort},{(link.IsServer ? 1 : 0)}");
        }
    }
}
