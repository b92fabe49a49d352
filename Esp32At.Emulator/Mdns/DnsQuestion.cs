namespace Esp32At.Emulator.Mdns;

/// <summary>One question of a DNS message; in mDNS the class's top bit asks for a unicast reply (QU, RFC 6762 §5.4).</summary>
public sealed record DnsQuestion(string Name, ushort Type, ushort Class = DnsType.In)
{
    public bool UnicastResponse => (Class & DnsType.TopBit) != 0;

    internal void Write(List<byte> output)
    {
        DnsName.Write(output, Name);
        DnsWire.WriteUInt16(output, Type);
        DnsWire.WriteUInt16(output, Class);
    }

    internal static DnsQuestion Read(byte[] message, ref int offset)
    {
        var name = DnsName.Read(message, ref offset);
        ushort type = DnsWire.ReadUInt16(message, ref offset);
        ushort cls = DnsWire.ReadUInt16(message, ref offset);
        return new DnsQuestion(name, type, cls);
    }
}
