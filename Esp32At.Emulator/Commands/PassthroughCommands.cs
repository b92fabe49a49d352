using Esp32At.Emulator.Core;
using Esp32At.Emulator.Network;

namespace Esp32At.Emulator.Commands;

/// <summary>
/// UART-Wi-Fi passthrough (spec §1.6, §2.3, §2.4): CIPMODE with its refusals, TRANSINTVL (v3.2+), and the execute form
/// <c>AT+CIPSEND</c> that turns the UART into a raw pipe to the one link until a timed <c>+++</c>.
/// </summary>
public static class PassthroughCommands
{
    public static void Register(EspEmulator emulator)
    {
        var t = emulator.Commands;
        t.Register("CIPMODE", c => BasicCommands.Flag(c, "CIPMODE", () => c.State.CipMode, v => SetMode(c, v), crlf: true));
        if (emulator.Profile.Version >= new Version(3, 2))
            t.Register("TRANSINTVL", c => BasicCommands.Flag(c, "TRANSINTVL", () => c.State.TransIntvl, v => c.State.TransIntvl = v, crlf: true));
    }

    /// <summary>
    /// CIPMODE=1 is refused with several links or a running server (spec §2.3), and in multiple-connection mode while
    /// CIPSERVERMAXCONN &gt; 1 [UNVERIFIED: the spec's "server maxconn &gt; 1" read as applying where a server could
    /// accept, i.e. CIPMUX=1; at power-on (CIPMUX=0) CIPMODE=1 is the documented single-connection setup].
    /// </summary>
    private static void SetMode(CommandContext c, int mode)
    {
        if (mode == 1)
        {
            var links = c.Emulator.Links;
            int open = Enumerable.Range(0, c.Emulator.Profile.MaxLinks).Count(i => links[i] is not null);
            if (open > 1) throw new CommandException("0x010a0000");
            if (links.Server is not null) throw new CommandException("0x010a0000");
            if (c.State.CipMux == 1 && c.State.CipServerMaxConn > 1) throw new CommandException("0x010a0000");
        }
        c.State.CipMode = mode;
    }

    /// <summary>
    /// <c>AT+CIPSEND</c> with CIPMODE=1: needs exactly one link, TCP/SSL or UDP with a fixed remote. The command ends
    /// with the prompt; from then on the UART is a raw pipe both ways (a pump thread sends the host's packets) until
    /// <c>+++</c> (see <see cref="EspEmulator.LeavePassthrough"/>).
    /// </summary>
    public static void Send(CommandContext c)
    {
        if (c.State.CipMode != 1) throw new CommandException("0x01060000"); // the normal form needs a length
        var emulator = c.Emulator;
        var links = emulator.Links;
        var open = Enumerable.Range(0, emulator.Profile.MaxLinks).Select(i => links[i]).Where(l => l is not null).ToList();
        if (open.Count != 1) throw new CommandException("0x010a0000");
        var link = open[0]!;
        if (link.IsDatagram && link.UdpMode != UdpRemoteMode.Fixed) throw new CommandException("0x010a0000");
        var entry = new PassthroughEntry(emulator.Clock.SpeedFactor, c.State.TransIntvl);
        if (emulator.Profile.PromptInTwoWrites) c.Raw("\r\nOK\r\n");
        c.FinalResult = emulator.Profile.PromptInTwoWrites ? "\r\n>" : "\r\nOK\r\n\r\n>";
        c.AfterFinal = () =>
        {
            links.Passthrough = link;
            emulator.EnterPassthrough(entry);
            new Thread(() => Pump(emulator, entry, link)) { IsBackground = true, Name = "esp-at passthrough" }.Start();
        };
    }

    /// <summary>Sends the host's packets until <c>+++</c> (what came before it goes out first) or a reboot.</summary>
    private static void Pump(EspEmulator emulator, PassthroughEntry entry, EmulatedLink link)
    {
        var links = emulator.Links;
        while (true)
        {
            var packet = entry.Next(1000, out bool escape);
            // Data for a link that closed meanwhile is dropped: the firmware stays in passthrough until +++.
            if (packet is not null && links[link.Id] == link) links.Send(link, packet, 0, packet.Length);
            if (!escape) continue;
            emulator.LeavePassthrough(entry); // recognised here when the idle after +++ had to be waited for
            return;
        }
    }
}
