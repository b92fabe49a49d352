namespace Esp32At.Emulator.Mdns;

/// <summary>The DNS record types and class the mDNS/DNS-SD model uses (RFC 1035, 2782, 6762, 6763).</summary>
public static class DnsType
{
    public const ushort A = 1;
    public const ushort Ptr = 12;
    public const ushort Txt = 16;
    public const ushort Aaaa = 28;
    public const ushort Srv = 33;
    public const ushort Any = 255;

    /// <summary>Class IN.</summary>
    public const ushort In = 1;

    /// <summary>The top bit of a question's class (QU: unicast response wanted) or a record's class (cache flush).</summary>
    public const ushort TopBit = 0x8000;
}
