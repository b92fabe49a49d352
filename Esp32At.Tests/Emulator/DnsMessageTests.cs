using System.Net;
using Esp32At.Emulator.Mdns;

namespace Esp32At.Tests.Emulator;

/// <summary>The emulator's DNS message codec (RFC 1035 wire format; PTR/SRV/TXT/A).</summary>
public class DnsMessageTests
{
    [Fact]
    public void QueryEncodesToTheWireFormat()
    {
        var bytes = DnsMessage.Query("_http._tcp.local", DnsType.Ptr, id: 0x0102, unicastResponse: true).Encode();
        byte[] expected = [1, 2, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 5, .. "_http"u8, 4, .. "_tcp"u8, 5, .. "local"u8, 0, 0, 12, 0x80, 1];
        Assert.Equal(expected, bytes);
    }

    [Fact]
    public void RecordsRoundTrip()
    {
        var message = new DnsMessage
        {
            Id = 9, Flags = 0x8400,
            Answers = [DnsRecord.Ptr("_x._tcp.local", "a._x._tcp.local", 4500)],
            Additionals =
            [
                DnsRecord.Srv("a._x._tcp.local", "h.local", 8080, 120, flush: true),
                DnsRecord.Txt("a._x._tcp.local", ["k=v", ""], 4500, flush: true),
                DnsRecord.A("h.local", IPAddress.Parse("10.1.2.3"), 120, flush: false),
            ],
        };
        var back = DnsMessage.Decode(message.Encode());
        Assert.Equal((9, 0x8400), (back.Id, back.Flags));
        Assert.Equal("a._x._tcp.local", back.Answers[0].Target);
        var srv = back.Additionals[0];
        Assert.Equal(("h.local", (ushort)8080, true), (srv.Target, srv.Port, srv.CacheFlush));
        Assert.Equal(["k=v", ""], back.Additionals[1].Texts!);
        Assert.Equal((IPAddress.Parse("10.1.2.3"), false), (back.Additionals[2].Address, back.Additionals[2].CacheFlush));
    }

    [Fact]
    public void CompressedNamesDecode()
    {
        // A response whose PTR target points back into the question's name (offset 12).
        byte[] message =
        [
            0, 0, 0x84, 0, 0, 1, 0, 1, 0, 0, 0, 0,
            4, .. "_ipp"u8, 4, .. "_tcp"u8, 5, .. "local"u8, 0, 0, 12, 0, 1,
            0xC0, 12, 0, 12, 0, 1, 0, 0, 0x11, 0x94, 0, 5, 2, .. "pr"u8, 0xC0, 12,
        ];
        var m = DnsMessage.Decode(message);
        Assert.Equal("_ipp._tcp.local", m.Questions[0].Name);
        Assert.Equal(("_ipp._tcp.local", "pr._ipp._tcp.local", 4500u), (m.Answers[0].Name, m.Answers[0].Target, m.Answers[0].Ttl));
    }

    [Fact]
    public void TruncatedMessagesAreRejected()
    {
        Assert.Null(DnsMessage.TryDecode([0, 0, 0, 0, 0, 1]));
        Assert.Null(DnsMessage.TryDecode([0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 5, (byte)'a']));
    }
}
