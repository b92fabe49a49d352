using Esp32At.Emulator.Core;
using Esp32At.Emulator.Network;

namespace Esp32At.Emulator.Commands;

/// <summary>
/// The link id that leads the arguments of the link commands in multiple-connection mode (CIPMUX=1) and is absent in
/// single mode, where the one link is id 0 (spec §2.3).
/// </summary>
internal static class LinkArguments
{
    /// <summary>The link id and the index of the argument after it; ERROR for an id outside 0-4 or the wrong mode's form.</summary>
    public static (int Id, int Next) Of(CommandContext c, int idMax = 4)
    {
        if (c.State.CipMux == 0) return (0, 0);
        if (c.Line.Count == 0 || c.Line.IsQuoted(0)) throw new CommandException("0x010c0000"); // MUX=1 wants the id
        long id = c.Line.Int(0);
        return id >= 0 && id <= idMax ? ((int)id, 1) : throw new CommandException("0x01070000");
    }

    /// <summary>The open link the command names, else ERROR.</summary>
    public static EmulatedLink Open(CommandContext c, int id) => c.Emulator.Links[id] ?? throw new CommandException("0x010a0000");
}
