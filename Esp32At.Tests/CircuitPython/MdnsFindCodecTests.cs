using System.Net;
using System.Text;
using CsCheck;
using Esp32At.CircuitPython.Mdns;
using Emu = Esp32At.Emulator.Mdns;

namespace Esp32At.Tests.CircuitPython;

/// <summary>
/// The device-side DNS codec of mdns.Server.Find: the query bytes, reading responses (with and without name
/// compression, against the emulator's independent encoder), and never throwing on a malformed packet.
/// </summary>
public sealed class MdnsFindCodecTests
{
    private static byte[] Name(params string[] labels) =>
        [.. labels.SelectMany(l => (byte[])[(byte)Encoding.UTF8.GetByteCount(l), .. Encoding.UTF8.GetBytes(l)]), 0];

    private static byte[] Header(int questions, int answers, int additionals = 0, int flags = 0x8400) =>
        [0, 0, (byte)(flags >> 8), (byte)flags, 0, (byte)questions, 0, (byte)answers, 0, 0, 0, (byte)additionals];

    [Fact]
    public void QueryIsAPtrQuestionWithTheUnicastResponseBit()
    {
        var query = DnsQueryWriter.Build(0, ["_http._tcp.local"], [12], unicastResponse: true);
        byte[] expected = [0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, .. Name("_http", "_tcp", "local"), 0, 12, 0x80, 1];
        Assert.Equal(expected, query);
        var decoded = Emu.DnsMessage.Decode(query);
        Assert.Equal(("_http._tcp.local", (ushort)12, true), (decoded.Questions[0].Name, decoded.Questions[0].Type, decoded.Questions[0].UnicastResponse));
    }

    [Fact]
    public void QueryWithFollowUpsKeepsEscapedDotsInsideTheInstanceLabel()
    {
        var query = DnsQueryWriter.Build(0x1234, ["_ipp._tcp.local", @"Printer v2\.1._ipp._tcp.local", "host.local"], [12, 33, 1], unicastResponse: false);
        byte[] expected =
        [
            0x12, 0x34, 0, 0, 0, 3, 0, 0, 0, 0, 0, 0,
            .. Name("_ipp", "_tcp", "local"), 0, 12, 0, 1,
            .. Name("Printer v2.1", "_ipp", "_tcp", "local"), 0, 33, 0, 1,
            .. Name("host", "local"), 0, 1, 0, 1,
        ];
        Assert.Equal(expected, query);
    }

    [Theory]
    [InlineData("a..local")]
    [InlineData(".local")]
    public void QueryRefusesEmptyLabels(string name) =>
        Assert.Throws<ArgumentException>(() => DnsQueryWriter.Build(0, [name], [12], true));

    [Fact]
    public void QueryRefusesLongLabelsAndNames()
    {
        Assert.Throws<ArgumentException>(() => DnsQueryWriter.Build(0, [new string('a', 64) + ".local"], [12], true));
        Assert.Throws<ArgumentException>(() => DnsQueryWriter.Build(0, [string.Join(".", Enumerable.Repeat(new string('a', 63), 4))], [12], true));
        Assert.Equal(12 + 255 + 4, DnsQueryWriter.Build(0, [string.Join(".", Enumerable.Repeat(new string('a', 63), 3)) + "." + new string('b', 61)], [12], true).Length);
    }

    [Fact]
    public void ReadsTheEmulatorResponderAnswer()
    {
        var printer = new Emu.MdnsService("Office Printer", "_http._tcp", "printer", "192.168.1.20", 80, ["path=/", "note=2nd floor"]);
        var answer = Emu.MdnsResponder.Answer(Emu.DnsMessage.Query("_http._tcp.local", 12, unicastResponse: true), [printer], legacyUnicast: true)!;
        var records = DnsMessageReader.Read(answer.Encode(), answer.Encode().Length);
        Assert.Equal([12, 33, 16, 1], records.Select(r => r.Type));
        Assert.Equal(("_http._tcp.local", "Office Printer._http._tcp.local", 10L), (records[0].Name, records[0].Target, records[0].Ttl));
        Assert.Equal(("Office Printer._http._tcp.local", "printer.local", 80), (records[1].Name, records[1].Target, records[1].Port));
        Assert.Equal(["path=/", "note=2nd floor"], records[2].Texts);
        Assert.Equal("printer.local", records[3].Name);
        Assert.Equal([192, 168, 1, 20], records[3].Address);
    }

    /// <summary>The records of a typical responder, compressed: every name after the first points back into the packet.</summary>
    private static byte[] CompressedAnswer()
    {
        var m = new List<byte>(Header(0, 1, 3));
        int typeAt = m.Count; // 12
        m.AddRange(Name("_http", "_tcp", "local")); // 12: 5 _http 4 _tcp 5 local 0
        m.AddRange(new byte[] { 0, 12, 0, 1, 0, 0, 0x11, 0x94 }); // PTR IN, TTL 4500
        int rdAt = m.Count;
        m.AddRange(new byte[] { 0, 0 });
        int instanceAt = m.Count;
        m.AddRange([10, .. "My.Printer"u8, 0, 0]); // "My.Printer" + pointer to _http._tcp.local (filled below)
        m[^2] = 0xC0;
        m[^1] = (byte)typeAt;
        m[rdAt + 1] = (byte)(m.Count - rdAt - 2);
        // SRV: name = pointer to the instance, target "prn" + pointer to "local"
        m.AddRange(new byte[] { 0xC0, (byte)instanceAt, 0, 33, 0x80, 1, 0, 0, 0, 120 });
        rdAt = m.Count;
        m.AddRange(new byte[] { 0, 0, 0, 0, 0, 0, 0x1F, 0x90 }); // priority 0, weight 0, port 8080
        int hostAt = m.Count;
        m.AddRange([3, .. "prn"u8, 0xC0, (byte)(typeAt + 11)]);
        m[rdAt + 1] = (byte)(m.Count - rdAt - 2);
        // TXT for the instance, two strings
        m.AddRange([0xC0, (byte)instanceAt, 0, 16, 0x80, 1, 0, 0, 0x11, 0x94, 0, 9, 3, .. "a=1"u8, 4, .. "flag"u8]);
        // A for the host
        m.AddRange(new byte[] { 0xC0, (byte)hostAt, 0, 1, 0x80, 1, 0, 0, 0, 120, 0, 4, 10, 0, 0, 7 });
        return m.ToArray();
    }

    [Fact]
    public void FollowsCompressionPointersAndEscapesDotsInLabels()
    {
        var packet = CompressedAnswer();
        var records = DnsMessageReader.Read(packet, packet.Length);
        Assert.Equal(4, records.Length);
        Assert.Equal(@"My\.Printer._http._tcp.local", records[0].Target);
        Assert.Equal((@"My\.Printer._http._tcp.local", "prn.local", 8080), (records[1].Name, records[1].Target, records[1].Port));
        Assert.Equal(["a=1", "flag"], records[2].Texts);
        Assert.Equal("prn.local", records[3].Name);
        Assert.Equal([10, 0, 0, 7], records[3].Address);
        Assert.Equal("prn.local", Emu.DnsMessage.Decode(packet).Additionals[0].Target); // the emulator's reader agrees on the compressed names

        var collector = new ServiceCollector("_http", "_tcp");
        collector.Add(records);
        var service = Assert.Single(collector.Results());
        Assert.Equal(("My.Printer", "_http", "_tcp", "prn", 8080, "10.0.0.7"), (service.InstanceName, service.ServiceType, service.Protocol, service.Hostname, service.Port, service.Ipv4Address.ToString()));
        Assert.Equal(["a=1", "flag"], service.TxtRecords);
        Assert.Equal("1", service.TxtValue("A"));
        Assert.Equal("", service.TxtValue("flag"));
        Assert.Null(service.TxtValue("b"));
    }

    [Fact]
    public void KeepsTheRecordsBeforeATruncation()
    {
        var packet = CompressedAnswer();
        for (int cut = 0; cut < packet.Length; cut++)
        {
            var records = DnsMessageReader.Read(packet, cut);
            var whole = DnsMessageReader.Read(packet, packet.Length);
            Assert.True(records.Length < whole.Length, "cut at " + cut);
            for (int i = 0; i < records.Length; i++) Assert.Equal(whole[i].Type, records[i].Type);
        }
    }

    public static TheoryData<string, byte[]> Malformed => new()
    {
        { "a pointer to itself", [.. Header(0, 1), 0xC0, 12, 0, 12, 0, 1, 0, 0, 0, 1, 0, 0] },
        { "a pointer forward", [.. Header(0, 1), 0xC0, 14, 0, 0, 12, 0, 1, 0, 0, 0, 1, 0, 0] },
        { "two pointers in a loop", [.. Header(0, 1), 1, (byte)'a', 0xC0, 12, 0, 12, 0, 1, 0, 0, 0, 1, 0, 0] },
        { "a label type 0x40", [.. Header(0, 1), 0x41, (byte)'a', 0, 0, 12, 0, 1, 0, 0, 0, 1, 0, 0] },
        { "a pointer past the end", [.. Header(0, 1), 0xC0] },
        { "a label past the end", [.. Header(0, 1), 9, (byte)'a'] },
        { "record data past the end", [.. Header(0, 1), .. Name("x"), 0, 1, 0, 1, 0, 0, 0, 1, 0, 40, 1, 2, 3, 4] },
        { "a name longer than 255 bytes", [.. Header(0, 1), .. Name([.. Enumerable.Repeat(new string('a', 63), 4)]), 0, 1, 0, 1, 0, 0, 0, 1, 0, 4, 1, 2, 3, 4] },
        { "a short header", [0, 0, 0x84, 0, 0, 0, 0, 1] },
        { "a query", [.. Header(0, 1, 0, 0x0000), .. Name("x"), 0, 1, 0, 1, 0, 0, 0, 1, 0, 4, 1, 2, 3, 4] },
        { "an error response", [.. Header(0, 1, 0, 0x8403), .. Name("x"), 0, 1, 0, 1, 0, 0, 0, 1, 0, 4, 1, 2, 3, 4] },
        { "a question cut short", [.. Header(1, 0), .. Name("x"), 0, 1] },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void MalformedPacketsGiveNoRecords(string what, byte[] packet)
    {
        Assert.True(DnsMessageReader.Read(packet, packet.Length).Length == 0, what);
    }

    [Fact]
    public void ABadRecordIsSkippedAndTheNextOneStillRead()
    {
        byte[] packet =
        [
            .. Header(0, 3),
            .. Name("x"), 0, 16, 0, 1, 0, 0, 0, 1, 0, 3, 5, (byte)'a', (byte)'b', // TXT string longer than its record
            .. Name("y"), 0, 1, 0, 1, 0, 0, 0, 1, 0, 3, 1, 2, 3,                 // A of 3 bytes
            .. Name("z"), 0, 1, 0, 1, 0, 0, 0, 1, 0, 4, 1, 2, 3, 4,
        ];
        Assert.Equal("z", Assert.Single(DnsMessageReader.Read(packet, packet.Length)).Name);
    }

    [Fact]
    public void InvalidUtf8IsMalformedNotAnException()
    {
        byte[] packet = [.. Header(0, 1), 2, 0xC3, 0x28, 0, 0, 1, 0, 1, 0, 0, 0, 1, 0, 4, 1, 2, 3, 4];
        var records = DnsMessageReader.Read(packet, packet.Length); // desktop decoding substitutes, TinyCLR may throw: either way no exception
        Assert.True(records.Length <= 1);
    }

    [Fact]
    public void RandomBytesAndMutatedAnswersNeverThrow()
    {
        Gen.Byte.Array[0, 600].Sample(bytes => { DnsMessageReader.Read(bytes, bytes.Length); }, iter: 5000);
        var valid = CompressedAnswer();
        Gen.Select(Gen.Int[0, valid.Length - 1].Array[1, 8], Gen.Byte.Array[8], Gen.Int[0, valid.Length]).Sample((positions, values, length) =>
        {
            var packet = (byte[])valid.Clone();
            for (int i = 0; i < positions.Length; i++) packet[positions[i]] = values[i];
            var records = DnsMessageReader.Read(packet, length);
            new ServiceCollector("_http", "_tcp").Add(records);
            foreach (var r in records) Assert.NotNull(r.Name);
        }, iter: 5000);
    }

    private static readonly Gen<string> Label = Gen.Char["abcdefghijklmnopqrstuvwxyz0123456789- "].Array[1, 20].Select(c => new string(c).Trim()).Where(s => s.Length > 0);

    [Fact]
    public void ServicesEncodedByTheEmulatorComeBackWhole()
    {
        var service = Gen.Select(Label, Label, Gen.Int[1, 65535], Gen.Byte.Array[4], Gen.Select(Label, Label).Array[0, 4])
            .Select((instance, host, port, ip, txt) => new Emu.MdnsService(instance, "_svc._udp", host.Replace(' ', '-'), new IPAddress(ip).ToString(), port, txt.Select(t => t.Item1 + "=" + t.Item2).ToList()));
        service.Array[1, 5].Sample(services =>
        {
            var collector = new ServiceCollector("_svc", "_udp");
            foreach (var s in services)
            {
                var bytes = Emu.MdnsResponder.Answer(Emu.DnsMessage.Query("_svc._udp.local", 12), [s], legacyUnicast: false)!.Encode();
                collector.Add(DnsMessageReader.Read(bytes, bytes.Length));
            }
            var found = collector.Results();
            var distinct = services.DistinctBy(s => s.Instance.ToLowerInvariant()).ToArray();
            Assert.Equal(distinct.Select(s => s.Instance), found.Select(f => f.InstanceName));
            foreach (var s in distinct)
            {
                // The last answer for an instance wins its SRV and TXT; the address comes from that host's A record.
                var last = services.Last(x => x.Instance.Equals(s.Instance, StringComparison.OrdinalIgnoreCase));
                var f = found.Single(x => x.InstanceName == s.Instance);
                Assert.Equal(last.Port, f.Port);
                Assert.Equal(last.Host, f.Hostname);
                Assert.Equal(last.Txt.ToArray(), f.TxtRecords);
                var hostAddress = services.Last(x => x.Host.Equals(last.Host, StringComparison.OrdinalIgnoreCase)).Address;
                Assert.Equal(hostAddress, f.Ipv4Address.ToString());
            }
        }, iter: 300);
    }
}
