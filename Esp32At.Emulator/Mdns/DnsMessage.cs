namespace Esp32At.Emulator.Mdns;

/// <summary>A DNS message (RFC 1035 §4.1): header, questions and the three record sections; encodes without name compression.</summary>
public sealed record DnsMessage
{
    /// <summary>QR: the message is a response.</summary>
    public const ushort ResponseFlag = 0x8000;
    /// <summary>AA: an authoritative answer (every mDNS response sets it, RFC 6762 §18.4).</summary>
    public const ushort AuthoritativeFlag = 0x0400;

    public ushort Id { get; init; }
    public ushort Flags { get; init; }
    public IReadOnlyList<DnsQuestion> Questions { get; init; } = [];
    public IReadOnlyList<DnsRecord> Answers { get; init; } = [];
    public IReadOnlyList<DnsRecord> Authorities { get; init; } = [];
    public IReadOnlyList<DnsRecord> Additionals { get; init; } = [];

    public bool IsResponse => (Flags & ResponseFlag) != 0;

    /// <summary>A standard query for <paramref name="name"/> (mDNS queries use id 0).</summary>
    public static DnsMessage Query(string name, ushort type, ushort id = 0, bool unicastResponse = false) =>
        new() { Id = id, Questions = [new DnsQuestion(name, type, (ushort)(DnsType.In | (unicastResponse ? DnsType.TopBit : 0)))] };

    public byte[] Encode()
    {
        var output = new List<byte>(512);
        DnsWire.WriteUInt16(output, Id);
        DnsWire.WriteUInt16(output, Flags);
        DnsWire.WriteUInt16(output, Questions.Count);
        DnsWire.WriteUInt16(output, Answers.Count);
        DnsWire.WriteUInt16(output, Authorities.Count);
        DnsWire.WriteUInt16(output, Additionals.Count);
        foreach (var q in Questions) q.Write(output);
        foreach (var r in Answers.Concat(Authorities).Concat(Additionals)) r.Write(output);
        return output.ToArray();
    }

    /// <summary>Decodes a message; <see cref="FormatException"/> when it is malformed.</summary>
    public static DnsMessage Decode(byte[] message)
    {
        int at = 0;
        ushort id = DnsWire.ReadUInt16(message, ref at), flags = DnsWire.ReadUInt16(message, ref at);
        int qd = DnsWire.ReadUInt16(message, ref at), an = DnsWire.ReadUInt16(message, ref at);
        int ns = DnsWire.ReadUInt16(message, ref at), ar = DnsWire.ReadUInt16(message, ref at);
        var questions = new List<DnsQuestion>();
        for (int i = 0; i < qd; i++) questions.Add(DnsQuestion.Read(message, ref at));
        List<DnsRecord> Section(int count)
        {
            var records = new List<DnsRecord>();
            for (int i = 0; i < count; i++) records.Add(DnsRecord.Read(message, ref at));
            return records;
        }
        return new DnsMessage { Id = id, Flags = flags, Questions = questions, Answers = Section(an), Authorities = Section(ns), Additionals = Section(ar) };
    }

    /// <summary>Decodes, or null when <paramref name="message"/> is not a well-formed DNS message.</summary>
    public static DnsMessage? TryDecode(byte[] message)
    {
        try { return Decode(message); }
        catch (FormatException) { return null; }
    }
}
