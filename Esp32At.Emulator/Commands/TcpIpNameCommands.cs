using Esp32At.Emulator.Core;
using Esp32At.Emulator.Network;

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
        // <ip network> (docs/esp-at-ipv6.md "Names"): 1 prefer IPv4 (default), 2 IPv4 only, 3 IPv6 only.
        long network = c.Line.Count > 1 && !c.Line.IsEmpty(1) ? c.Line.Int(1) : 1;
        if (network is < 1 or > 3) throw new CommandException("0x01070001");
        var family = network switch { 2 => DnsFamily.V4Only, 3 => DnsFamily.V6Only, _ => DnsFamily.PreferV4 };
        var address = c.Emulator.Links.Dns.Resolve(c.Line.String(0), family) ?? throw new CommandException("0x010a0000"); // "unknown host" on UART0
        c.Info($"+CIPDOMAIN:\"{Ipv6Text.Of(address)}\""); // quoted on ESP32-family firmware
    }
}
