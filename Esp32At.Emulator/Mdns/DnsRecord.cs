using System.Net;
using System.Text;

namespace Esp32At.Emulator.Mdns;

/// <summary>
/// One resource record. The types DNS-SD needs are typed: PTR (<see cref="Target"/>), SRV (priority, weight,
/// <see cref="Port"/>, <see cref="Target"/>), TXT (<see cref="Texts"/>), A (<see cref="Address"/>); any other type keeps
/// its raw <see cref="Data"/>. In mDNS the class's top bit is the cache-flush flag (RFC 6762 §10.2).
/// </summary>
public sealed record DnsRecord(string Name, ushort Type, ushort Class, uint Ttl)
{
    public string? Target { get; init; }
    public ushort Priority { get; init; }
    public ushort Weight { get; init; }
    public ushort Port { get; init; }
    public IReadOnlyList<string>? Texts { get; init; }
    public IPAddress? Address { get; init; }
    public byte[] Data { get; init; } = [];

    public bool CacheFlush => (Class & DnsType.TopBit) != 0;

    public static DnsRecord Ptr(string name, string target, uint ttl) => new(name, DnsType.Ptr, DnsType.In, ttl) { Target = target };

    public static DnsRecord Srv(string name, string target, int port, uint ttl, bool flush) =>
        new(name, DnsType.Srv, Flush(flush), ttl) { Target = target, Port = (ushort)port };

    /// <summary>TXT strings as <c>key=value</c> (an empty list is sent as one empty string, RFC 6763 §6.1).</summary>
    public static DnsRecord Txt(string name, IReadOnlyList<string> texts, uint ttl, bool flush) =>
        new(name, DnsType.Txt, Flush(flush), ttl) { Texts = texts };

    public static DnsRecord A(string name, IPAddress address, uint ttl, bool flush) =>
        new(name, DnsType.A, Flush(flush), ttl) { Address = address };

    private static ushort Flush(bool flush) => (ushort)(DnsType.In | (flush ? DnsType.TopBit : 0));

    internal void Write(List<byte> output)
    {
        DnsName.Write(output, Name);
        DnsWire.WriteUInt16(output, Type);
        DnsWire.WriteUInt16(output, Class);
        DnsWire.WriteUInt32(output, Ttl);
        int lengthAt = output.Count;
        DnsWire.WriteUInt16(output, 0);
        int start = output.Count;
        switch (Type)
        {
            case DnsType.Ptr:
                DnsName.Write(output, Target!);
                break;
            case DnsType.Srv:
                DnsWire.WriteUInt16(output, Priority);
                DnsWire.WriteUInt16(output, Weight);
                DnsWire.WriteUInt16(output, Port);
                DnsName.Write(output, Target!);
                break;
            case DnsType.Txt:
                var texts = Texts is { Count: > 0 } ? Texts : [""];
                foreach (var text in texts)
                {
                    var bytes = Encoding.UTF8.GetBytes(text);
                    if (bytes.Length > 255) throw new ArgumentException("TXT string longer than 255 bytes");
                    output.Add((byte)bytes.Length);
                    output.AddRange(bytes);
                }
                break;
            case DnsType.A:
                output.AddRange(Address!.GetAddressBytes());
                break;
            default:
                output.AddRange(Data);
                break;
        }
        int length = output.Count - start;
        output[lengthAt] = (byte)(length >> 8);
        output[lengthAt + 1] = (byte)length;
    }

    internal static DnsRecord Read(byte[] message, ref int offset)
    {
        var name = DnsName.Read(message, ref offset);
        ushort type = DnsWire.ReadUInt16(message, ref offset);
        ushort cls = DnsWire.ReadUInt16(message, ref offset);
        uint ttl = DnsWire.ReadUInt32(message, ref offset);
        int length = DnsWire.ReadUInt16(message, ref offset);
        int end = offset + length;
        if (end > message.Length) throw new FormatException("DNS record data runs past the message");
        var record = new DnsRecord(name, type, cls, ttl) { Data = message[offset..end] };
        int at = offset;
        switch (type)
        {
            case DnsType.Ptr:
                record = record with { Target = DnsName.Read(message, ref at) };
                break;
            case DnsType.Srv:
                ushort priority = DnsWire.ReadUInt16(message, ref at), weight = DnsWire.ReadUInt16(message, ref at), port = DnsWire.ReadUInt16(message, ref at);
                record = record with { Priority = priority, Weight = weight, Port = port, Target = DnsName.Read(message, ref at) };
                break;
            case DnsType.Txt:
                var texts = new List<string>();
                while (at < end)
                {
                    int n = message[at++];
                    if (at + n > end) throw new FormatException("TXT string runs past its record");
                    texts.Add(Encoding.UTF8.GetString(message, at, n));
                    at += n;
                }
                record = record with { Texts = texts };
                break;
            case DnsType.A when length == 4:
                record = record with { Address = new IPAddress(message[offset..end]) };
                break;
        }
        offset = end;
        return record;
    }
}
