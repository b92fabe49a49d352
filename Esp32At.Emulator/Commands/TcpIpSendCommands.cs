using System.Net;
using Esp32At.Emulator.Commands.Parameters;
using Esp32At.Emulator.Core;
using Esp32At.Emulator.Network;

namespace Esp32At.Emulator.Commands;

/// <summary>
/// Sending (spec §2.3, §4): CIPSEND and CIPSENDEX (the <c>\0</c> terminator and escapes), CIPSENDL (long data sent
/// while it arrives, with <c>+CIPSENDL:</c> progress) and CIPSENDLCFG; the UDP form naming the destination of one
/// datagram; both CIPMUX modes.
/// </summary>
public static class TcpIpSendCommands
{
    public static void Register(EspEmulator emulator)
    {
        var t = emulator.Commands;
        t.Register("CIPSEND", c => Send(c, escaped: false));
        t.Register("CIPSENDEX", c => Send(c, escaped: true));
        if (emulator.Profile.HasCipSendL)
        {
            t.Register("CIPSENDL", CipSendL);
            t.Register("CIPSENDLCFG", CipSendLCfg);
        }
    }

    /// <summary>The parsed <c>[&lt;id&gt;,]&lt;len&gt;[,"&lt;host&gt;",&lt;port&gt;]</c>.</summary>
    private sealed record Target(EmulatedLink Link, long Length, IPEndPoint? To);

    private static Target Parse(CommandContext c, long max)
    {
        if (c.Line.Kind != CommandKind.Set) throw new CommandException();
        var (id, at) = LinkArguments.Of(c);
        int count = c.Line.Count - at;
        if (count != 1 && count != 3) throw new CommandException($"0x0106{at + (count < 1 ? 1 : 3):x2}{Math.Min(c.Line.Count, 255):x2}");
        long length = c.Line.Int(at);
        var link = LinkArguments.Open(c, id);
        if (c.State.CipMode == 1) throw new CommandException("0x010a0000");
        if (length < 1 || length > max) throw new CommandException($"0x0107{at:x4}");
        IPEndPoint? to = null;
        if (count == 3)
        {
            if (!link.IsDatagram) throw new CommandException($"0x0107{at + 1:x4}"); // a destination only for UDP
            var family = link.Remote.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? DnsFamily.V6Only : DnsFamily.V4Only;
            var address = c.Emulator.Links.Dns.Resolve(c.Line.String(at + 1), family) ?? throw new CommandException("0x010a0000");
            long port = c.Line.Int(at + 2);
            if (port is < 1 or > 65535) throw new CommandException($"0x0107{at + 2:x4}");
            to = new IPEndPoint(address, (int)port);
        }
        return new Target(link, length, to);
    }

    private static string[] Prompt(CommandContext c) =>
        c.Emulator.Profile.PromptInTwoWrites ? ["\r\nOK\r\n", "\r\n>"] : ["\r\nOK\r\n\r\n>"];

    private static void Send(CommandContext c, bool escaped)
    {
        if (!escaped && c.Line.Kind == CommandKind.Execute)
        {
            PassthroughCommands.Send(c);
            return;
        }
        var target = Parse(c, c.Emulator.Profile.CipSendMax);
        byte[] data;
        if (escaped)
        {
            var entry = new EscapedDataEntry((int)target.Length);
            c.Emulator.ReadData(entry, Prompt(c));
            data = entry.Payload;
        }
        else data = c.ReadData((int)target.Length, Prompt(c));
        c.Raw($"\r\nRecv {data.Length} bytes\r\n"); // [UNVERIFIED] for a CIPSENDEX ended by \0: the bytes sent
        var links = c.Emulator.Links;
        if (links[target.Link.Id] != target.Link) throw new CommandException("0x010a0000"); // the link went away meanwhile
        c.FinalResult = links.Send(target.Link, data, 0, data.Length, target.To) ? "\r\nSEND OK\r\n" : "\r\nSEND FAIL\r\n";
    }

    /// <summary>
    /// CIPSENDL: the data goes out in CIPSENDLCFG transmit-size pieces while the UART still receives;
    /// <c>+CIPSENDL:&lt;sent&gt;,&lt;received&gt;</c> whenever the sent total passes a multiple of the report size
    /// and once at the end (unless the end is such a multiple); <c>+++</c> ends it with <c>SEND CANCELLED</c>.
    /// </summary>
    private static void CipSendL(CommandContext c)
    {
        var target = Parse(c, int.MaxValue);
        var settings = c.State.Net;
        int report = settings.SendLReportSize, transmit = settings.SendLTransmitSize;
        var links = c.Emulator.Links;
        var entry = new StreamingDataEntry(target.Length);
        long sent = 0, received = 0, reported = 0;
        bool failed = false;
        c.Emulator.BeginData(entry, Prompt(c));
        try
        {
            while (received < target.Length && !entry.Canceled && c.Emulator.IsCurrentEntry(entry))
            {
                var chunk = entry.Next(100);
                if (chunk is null) continue;
                received += chunk.Length;
                for (int offset = 0; offset < chunk.Length && !failed; offset += transmit)
                {
                    int n = Math.Min(transmit, chunk.Length - offset);
                    if (failed = !links.Send(target.Link, chunk, offset, n, target.To)) break;
                    sent += n;
                    if (sent / report > reported / report)
                    {
                        c.Info($"+CIPSENDL:{sent},{received}");
                        reported = sent;
                    }
                }
                if (failed) break;
            }
        }
        finally
        {
            c.Emulator.EndData(entry);
        }
        if (reported != sent || sent == 0) c.Info($"+CIPSENDL:{sent},{received}");
        c.FinalResult = entry.Canceled ? "\r\nSEND CANCELLED\r\n" : failed ? "\r\nSEND FAIL\r\n" : "\r\nSEND OK\r\n";
    }

    private static void CipSendLCfg(CommandContext c)
    {
        var settings = c.State.Net;
        if (c.Line.Kind == CommandKind.Query)
        {
            c.Info($"+CIPSENDLCFG:{settings.SendLReportSize},{settings.SendLTransmitSize}");
            return;
        }
        if (c.Line.Kind != CommandKind.Set) throw new CommandException("0x01060000");
        var p = ParameterValidator.Check(c);
        settings.SendLReportSize = p.IntOr(0, settings.SendLReportSize);
        settings.SendLTransmitSize = p.IntOr(1, settings.SendLTransmitSize);
    }
}
