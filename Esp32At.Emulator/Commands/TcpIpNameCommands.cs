using Esp32At.Emulator.Core;

namespace Esp32At.Emulator.Commands;

/// <summary>Name resolution (spec §2.3): CIPDOMAIN through the emulator's DNS table.</summary>
public static class TcpIpNameCommands
{
    /// <summary>Firmware time of a DNS lookup (spec §8: about 50-500 ms).</summary>
    public const int LookupTimeMs = 120;

    public static void Register(EspEmulator emulator) => emulator.Commands.Register("CIPDOMAIN", CipDomain);

    private static void CipDomain(CommandContext c)
    {
        if (c.Line.Kind != CommandKind.Set || c.Line.Count < 1) throw new CommandException("0x01060000");
        if (c.State.WifiState != 2) throw new CommandException("0x010a0000");
        c.Emulator.Clock.Delay(LookupTimeMs);
        var address = c.Emulator.Links.Dns.Resolve(c.Line.String(0)) ?? throw new CommandException("0x010a0000"); // "unknown host" on UART0
        c.Info($"+CIPDOMAIN:\"{address}\""); // quoted on ESP32-family firmware
    }
}
