using System.Net;
using System.Text;
using Esp32At.Emulator.Core;
using Esp32At.Emulator.Mdns;
using Esp32At.Tests.Emulator;

namespace Esp32At.Tests.EmulatorNet;

/// <summary>
/// mDNS on the simulated LAN: a host-side browse typed as raw AT (a UDP link to 224.0.0.251:5353, CIPSEND of a DNS
/// query) gets the DNS-SD answers of the LAN's hosts and of the ESP's own AT+MDNS advertisement back as <c>+IPD</c>.
/// </summary>
public class MdnsBrowseBytesTests
{
    private static readonly MdnsService Printer = new("Office Printer", "_http._tcp", "printer", "192.168.1.20", 80, ["path=/", "note=2nd floor"]);
    private static readonly MdnsService Nas = new("Files", "_http._tcp", "nas", "192.168.1.30", 8080, []);

    private static RawPort Joined(params MdnsService[] services)
    {
        var port = new RawPort(options: new EmulatorOptions { SpeedFactor = 0, BootTimeMs = 0, HostPortsSameIfFree = false, LanServices = services });
        port.Command("ATE0");
        port.Command("AT+CIPMUX=1");
        port.Command("AT+CIPDINFO=1");
        port.Command("AT+CWJAP=\"Home\",\"secret-pass\"");
        return port;
    }

    /// <summary>A query written out by hand (not by the emulator's encoder): id, flags 0, one question, class IN.</summary>
    private static byte[] Query(ushort id, ushort type, params string[] labels)
    {
        var b = new List<byte> { (byte)(id >> 8), (byte)id, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0 };
        foreach (var l in labels)
        {
            b.Add((byte)l.Length);
            b.AddRange(Encoding.ASCII.GetBytes(l));
        }
        b.AddRange(new byte[] { 0, 0, (byte)type, 0, 1 });
        return b.ToArray();
    }

    private static void SendDatagram(RawPort port, byte[] data)
    {
        Assert.Equal("\r\nOK\r\n\r\n>", port.Command($"AT+CIPSEND=0,{data.Length}", ">"));
        port.SendBytes(data);
        Assert.Equal($"\r\nRecv {data.Length} bytes\r\n\r\nSEND OK\r\n", port.ReadUntil("SEND OK\r\n"));
    }

    /// <summary>Reads one active <c>+IPD</c> frame of link 0 with CIPDINFO; returns the sender and the payload.</summary>
    private static (string From, byte[] Payload) ReadFrame(RawPort port)
    {
        var head = port.ReadUntil(":");
        var m = System.Text.RegularExpressions.Regex.Match(head, "^\r\n\\+IPD,0,(\\d+),\"([0-9.]+)\",(\\d+):$");
        Assert.True(m.Success, "not an +IPD frame header: " + head);
        var payload = port.ReadCount(int.Parse(m.Groups[1].Value));
        Assert.Equal("\r\n", port.ReadCount(2));
        return ($"{m.Groups[2].Value}:{m.Groups[3].Value}", Encoding.Latin1.GetBytes(payload));
    }

    [Fact]
    public void LegacyUnicastAQueryGetsTheExactAnswer()
    {
        using var port = Joined(Printer);
        Assert.Equal("0,CONNECT\r\n\r\nOK\r\n", port.Command("AT+CIPSTART=0,\"UDP\",\"224.0.0.251\",5353"));
        SendDatagram(port, Query(0x1234, 1, "printer", "local"));
        byte[] name = [7, .. "printer"u8, 5, .. "local"u8, 0];
        byte[] expected =
        [
            0x12, 0x34, 0x84, 0x00, 0, 1, 0, 1, 0, 0, 0, 0, // id echoed, QR+AA, 1 question, 1 answer
            .. name, 0, 1, 0, 1, // the question, echoed (legacy unicast, RFC 6762 §6.7)
            .. name, 0, 1, 0, 1, 0, 0, 0, 10, 0, 4, 192, 168, 1, 20, // A, class IN without cache-flush, TTL 10
        ];
        var header = $"\r\n+IPD,0,{expected.Length},\"192.168.1.20\",5353:";
        Assert.Equal(header + Encoding.Latin1.GetString(expected) + "\r\n", port.ReadUntil(header) + port.ReadCount(expected.Length + 2));
    }

    [Fact]
    public void BrowseFindsEveryHttpServiceWithSrvTxtAndA()
    {
        using var port = Joined(Printer, Nas);
        // From port 5353 (a full mDNS querier): answers are multicast, id 0, no questions, cache-flush on unique records.
        Assert.Equal("0,CONNECT\r\n\r\nOK\r\n", port.Command("AT+CIPSTART=0,\"UDP\",\"224.0.0.251\",5353,5353,0"));
        SendDatagram(port, Query(0, 12, "_http", "_tcp", "local"));
        var frames = new[] { ReadFrame(port), ReadFrame(port) }.OrderBy(f => f.From).ToArray();
        Assert.Equal(["192.168.1.20:5353", "192.168.1.30:5353"], frames.Select(f => f.From));

        var printer = DnsMessage.Decode(frames[0].Payload);
        Assert.Equal(0, printer.Id);
        Assert.Equal(0x8400, printer.Flags);
        Assert.Empty(printer.Questions);
        var ptr = Assert.Single(printer.Answers);
        Assert.Equal(("_http._tcp.local", DnsType.Ptr, "Office Printer._http._tcp.local", 4500u), (ptr.Name, ptr.Type, ptr.Target, ptr.Ttl));
        var srv = printer.Additionals.Single(r => r.Type == DnsType.Srv);
        Assert.Equal(("Office Printer._http._tcp.local", "printer.local", (ushort)80, 120u, true), (srv.Name, srv.Target, srv.Port, srv.Ttl, srv.CacheFlush));
        Assert.Equal(["path=/", "note=2nd floor"], printer.Additionals.Single(r => r.Type == DnsType.Txt).Texts!);
        Assert.Equal(IPAddress.Parse("192.168.1.20"), printer.Additionals.Single(r => r.Type == DnsType.A).Address);

        var nas = DnsMessage.Decode(frames[1].Payload);
        Assert.Equal("Files._http._tcp.local", Assert.Single(nas.Answers).Target);
        Assert.Equal([""], nas.Additionals.Single(r => r.Type == DnsType.Txt).Texts!); // no TXT data: one empty string
    }

    [Fact]
    public void TheEspsOwnAdvertisementAnswersAndServiceTypesAreEnumerated()
    {
        using var port = Joined(Printer);
        Assert.Equal("\r\nOK\r\n", port.Command("AT+MDNS=1,\"espressif\",\"_iot\",8080,\"My ESP\",\"_tcp\",1,\"board\",\"c3\""));
        port.Command("AT+CIPSTART=0,\"UDP\",\"224.0.0.251\",5353");
        SendDatagram(port, Query(7, 12, "_iot", "_tcp", "local"));
        var (from, payload) = ReadFrame(port);
        Assert.Equal("192.168.1.50:5353", from); // the station's own address
        var own = DnsMessage.Decode(payload);
        Assert.Equal("My ESP._iot._tcp.local", Assert.Single(own.Answers).Target);
        Assert.Equal(["board=c3"], own.Additionals.Single(r => r.Type == DnsType.Txt).Texts!);
        Assert.Equal(("espressif.local", (ushort)8080), own.Additionals.Where(r => r.Type == DnsType.Srv).Select(r => (r.Target!, r.Port)).Single());

        SendDatagram(port, Query(8, 12, "_services", "_dns-sd", "_udp", "local"));
        var types = new[] { ReadFrame(port), ReadFrame(port) }
            .SelectMany(f => DnsMessage.Decode(f.Payload).Answers).Select(r => r.Target).OrderBy(t => t);
        Assert.Equal(["_http._tcp.local", "_iot._tcp.local"], types);

        port.Command("AT+MDNS=0");
        SendDatagram(port, Query(9, 12, "_iot", "_tcp", "local"));
        port.Command("AT"); // nothing answers any more; give a stray answer the time of a command to show up
        Assert.Equal(0, port.Pending);
    }

    [Fact]
    public void ServicesComeAndGoAndNothingAnswersOffTheLan()
    {
        using var port = Joined();
        port.Command("AT+CIPSTART=0,\"UDP\",\"224.0.0.251\",5353");
        port.Emulator.Radio.Lan.AddService(Nas);
        SendDatagram(port, Query(1, 12, "_http", "_tcp", "local"));
        Assert.Equal("192.168.1.30:5353", ReadFrame(port).From);

        var seen = new List<(IPEndPoint From, IPEndPoint To)>();
        port.Emulator.Radio.Lan.Sent += (from, to, _) => { lock (seen) seen.Add((from, to)); };
        Assert.True(port.Emulator.Radio.Lan.RemoveService("Files", "_http._tcp"));
        SendDatagram(port, Query(2, 12, "_http", "_tcp", "local"));
        port.Command("AT");
        Assert.Equal(0, port.Pending);
        lock (seen) Assert.Equal(new IPEndPoint(IPAddress.Parse("224.0.0.251"), 5353), Assert.Single(seen).To);
    }

    [Fact]
    public void LanHostsMulticastToLinksOnTheGroupPort()
    {
        using var port = Joined();
        port.Command("AT+CIPSTART=0,\"UDP\",\"239.1.2.3\",7000,7000,0");
        var sent = port.Emulator.Radio.Lan.Multicast(new IPEndPoint(IPAddress.Parse("192.168.1.77"), 40000), new IPEndPoint(IPAddress.Parse("239.1.2.3"), 7000), "hi all"u8.ToArray());
        Assert.Equal(1, sent);
        Assert.Equal("\r\n+IPD,0,6,\"192.168.1.77\",40000:hi all\r\n", port.ReadUntil("hi all\r\n"));
    }
}
