using System.Text;
using Esp32At.Emulator.Commands.Parameters;
using Esp32At.Emulator.Core;
using Esp32At.Emulator.Network;

namespace Esp32At.Emulator.Commands;

/// <summary>Passive-mode reads (spec §2.3): CIPRECVDATA and CIPRECVLEN, in both CIPMUX modes.</summary>
public static class TcpIpReceiveCommands
{
    public static void Register(EspEmulator emulator)
    {
        var t = emulator.Commands;
        t.Register("CIPRECVDATA", CipRecvData);
        t.Register("CIPRECVLEN", CipRecvLen);
    }

    // What CIPRECVDATA allocates on top of the asked length for its answer (spec §2.3: "memory for len+128 bytes").
    private const int AnswerOverhead = 128;

    private static void CipRecvData(CommandContext c)
    {
        if (c.Line.Kind != CommandKind.Set) throw new CommandException("0x01060000");
        var (id, at) = LinkArguments.Of(c);
        long max = ParameterValidator.Check(c, from: at).Long(0);
        var link = LinkArguments.Open(c, id);
        if (c.State.RecvMode[id] != 1) throw new CommandException("0x010a0000"); // active mode
        int heap = c.Emulator.Faults.ReadHeapBytes;
        if (heap > 0 && max + AnswerOverhead > heap) throw new CommandException(); // the answer buffer (len + 128) did not fit
        if (link.Buffered == 0) throw new CommandException("0x010a0000"); // "no data"
        var data = link.Take((int)Math.Min(max, int.MaxValue), out var from);
        var header = c.State.CipDInfo
            ? $"+CIPRECVDATA:{data.Length},\"{Ipv6Text.Of(from.Address)}\",{from.Port},"
            : $"+CIPRECVDATA:{data.Length},";
        var head = Encoding.ASCII.GetBytes(header);
        var reply = new byte[head.Length + data.Length];
        head.CopyTo(reply, 0);
        data.CopyTo(reply, head.Length);
        c.Emulator.Output(reply);
        link.Touch();
        c.FinalResult = "\r\nOK\r\n";
        c.AfterFinal = () => c.Emulator.Links.AfterRead(link);
    }

    /// <summary>
    /// One value per link: up to v4.0 five values with -1 for a link not open, from v4.1 an empty field for it; from
    /// v3.3 single mode prints link 0 only (spec §2.3, §5).
    /// </summary>
    private static void CipRecvLen(CommandContext c)
    {
        if (c.Line.Kind != CommandKind.Query) throw new CommandException();
        var profile = c.Emulator.Profile;
        int count = c.State.CipMux == 0 && profile.HasCipRecvType ? 1 : profile.MaxLinks;
        string closed = profile.RecvLenVariableList ? "" : "-1";
        var lengths = Enumerable.Range(0, count).Select(i => c.Emulator.Links[i]?.Reported.ToString() ?? closed);
        c.Info("+CIPRECVLEN:" + string.Join(",", lengths));
    }
}
