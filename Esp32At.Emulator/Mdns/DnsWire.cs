namespace Esp32At.Emulator.Mdns;

/// <summary>Big-endian integers of the DNS wire format.</summary>
internal static class DnsWire
{
    public static void WriteUInt16(List<byte> output, int value)
    {
        output.Add((byte)(value >> 8));
        output.Add((byte)value);
    }

    public static void WriteUInt32(List<byte> output, uint value)
    {
        WriteUInt16(output, (int)(value >> 16));
        WriteUInt16(output, (int)(value & 0xFFFF));
    }

    public static ushort ReadUInt16(byte[] message, ref int offset)
    {
        if (offset + 2 > message.Length) throw new FormatException("DNS message truncated");
        var v = (ushort)(message[offset] << 8 | message[offset + 1]);
        offset += 2;
        return v;
    }

    public static uint ReadUInt32(byte[] message, ref int offset) =>
        (uint)ReadUInt16(message, ref offset) << 16 | ReadUInt16(message, ref offset);
}
