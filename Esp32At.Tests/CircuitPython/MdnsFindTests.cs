using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Esp32At.CircuitPython.Mdns;
using Esp32At.Emulator.Core;
using Esp32At.Engine;
using Emu = Esp32At.Emulator.Mdns;

namespace Esp32At.Tests.CircuitPython;

/// <summary>
/// mdns.Server.Find against the emulator's simulated LAN: the UDP link and query on the wire, the services its
/// responders answer with, follow-up questions for what an answer left out, and garbage on the way.
/// </summary>
[Collection(CircuitPythonWifiCollection.Name)]
public sealed class MdnsFindTests
{
    private static readonly Emu.MdnsService Printer = new("Office Printer", "_http._tcp", "printer", "192.168.1.20", 80, ["path=/", "note=2nd floor"]);
    private static readonly Emu.MdnsService Nas = new("Files", "_http._tcp", "nas", "192.168.1.30", 8080, []);
    private static readonly Emu.MdnsService Ipp = new("Office Printer", "_ipp._tcp", "printer", "192.168.1.20", 631, []);

    /// <summary>The query Find sends first: one PTR question for the type, class IN with the QU bit, id 0.</summary>
    private static byte[] PtrQuery(params string[] labels) =>
        [0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, .. labels.SelectMany(l => (byte[])[(byte)l.Length, .. Encoding.ASCII.GetBytes(l)]), 0, 0, 12, 0x80, 1];

    private static CircuitPythonWifi Connected(string profile, params Emu.MdnsService[] services)
    {
        var f = new CircuitPythonWifi(profile: profile);
        foreach (var s in services) f.Emulator.Radio.Lan.AddService(s);
        f.Radio.Connect("Home", "secret-pass");
        f.Mark();
        return f;
    }

    /// <summary>Every datagram the ESP sends onto the LAN.</summary>
    private static List<(IPEndPoint From, IPEndPoint To, byte[] Data)> Watch(CircuitPythonWifi f)
    {
        var sent = new List<(IPEndPoint, IPEndPoint, byte[])>();
        f.Emulator.Radio.Lan.Sent += (from, to, data) => { lock (sent) sent.Add((from, to, data)); };
        return sent;
    }

    private static bool NoLinkOpen(EspEmulator emulator) => Enumerable.Range(0, 5).All(i => emulator.Links[i] is null);

    [Theory]
    [InlineData("v3.3.0-c3")]
    [InlineData("v4.1.1-c3")]
    public void FindReturnsEachServiceOfTheTypeWithHostPortAddressAndTxt(string profile)
    {
        using var f = Connected(profile, Printer, Nas, Ipp);
        var sent = Watch(f);
        var found = new Server(f.Radio).Find("_http", "_tcp", timeout: 1).OrderBy(s => s.InstanceName).ToArray();

        Assert.Equal(["Files", "Office Printer"], found.Select(s => s.InstanceName));
        var printer = found[1];
        Assert.Equal(("printer", "_http", "_tcp", 80, "192.168.1.20"), (printer.Hostname, printer.ServiceType, printer.Protocol, printer.Port, printer.Ipv4Address.ToString()));
        Assert.Equal(["path=/", "note=2nd floor"], printer.TxtRecords);
        Assert.Equal("2nd floor", printer.TxtValue("note"));
        Assert.Equal(("nas", 8080, "192.168.1.30"), (found[0].Hostname, found[0].Port, found[0].Ipv4Address.ToString()));
        Assert.Empty(found[0].TxtRecords);

        // On the wire: a UDP link from a dynamic local port that follows each sender (mode 2), the query sent to the
        // group, the link closed at the end.
        var wire = f.WrittenSinceMark;
        var start = Regex.Match(wire, "AT\\+CIPSTART=(\\d),\"UDP\",\"224\\.0\\.0\\.251\",5353,(\\d+),2[^\r]*\r\n");
        Assert.True(start.Success, wire);
        string id = start.Groups[1].Value;
        int localPort = int.Parse(start.Groups[2].Value);
        Assert.InRange(localPort, 49152, 65535);
        var query = PtrQuery("_http", "_tcp", "local");
        Assert.Contains($"AT+CIPSEND={id},{query.Length},\"224.0.0.251\",5353\r\n", wire);
        Assert.EndsWith($"AT+CIPCLOSE={id}\r\n", wire);
        Assert.True(NoLinkOpen(f.Emulator));
        lock (sent)
        {
            Assert.NotEmpty(sent);
            Assert.All(sent, d => Assert.Equal((localPort, "224.0.0.251:5353"), (d.From.Port, d.To.ToString())));
            Assert.Equal(query, sent[0].Data);
        }
    }

    [Fact]
    public void FindSeesTheBoardsOwnAdvertisement()
    {
        using var f = Connected("v4.1.1-c3", Nas);
        var server = new Server(f.Radio) { InstanceName = "Board" };
        server.AdvertiseService("_http", "_tcp", 8000, ["ver=1"]);
        var own = Assert.Single(server.Find("_http", "_tcp", 1), s => s.InstanceName == "Board");
        Assert.Equal(("cpy-6a2b10", 8000, "192.168.1.50", "ver=1"), (own.Hostname, own.Port, own.Ipv4Address.ToString(), Assert.Single(own.TxtRecords)));
    }

    [Fact]
    public void WithNobodyAnsweringFindAsksAgainAndReturnsNothing()
    {
        using var f = Connected("v4.1.1-c3", Ipp);
        var sent = Watch(f);
        var began = DateTime.UtcNow;
        Assert.Empty(new Server(f.Radio).Find("_http", "_tcp", 1));
        Assert.InRange(DateTime.UtcNow - began, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(10));
        lock (sent)
        {
            Assert.InRange(sent.Count, 2, 3); // at 0, 0.25 and 0.75 s; a stalled core may miss the last one
            Assert.All(sent, d => Assert.Equal(PtrQuery("_http", "_tcp", "local"), d.Data));
        }
        Assert.True(NoLinkOpen(f.Emulator));
    }

    [Fact]
    public void PartialAnswersAreCompletedByFollowUpQuestionsAndGarbageIsIgnored()
    {
        using var f = Connected("v4.1.1-c3");
        var questions = new List<string>();
        var responder = new IPEndPoint(IPAddress.Parse("192.168.1.40"), 5353);
        f.Emulator.Radio.Lan.Sent += (from, _, data) =>
        {
            var link = Enumerable.Range(0, 5).Select(i => f.Emulator.Links[i]).First(l => l?.LocalPort == from.Port)!;
            var channel = (Esp32At.Emulator.Network.UdpChannel)link.Channel;
            var query = Emu.DnsMessage.Decode(data);
            lock (questions) questions.AddRange(query.Questions.Select(q => q.Type + " " + q.Name));
            channel.Inject([1, 2, 3], responder);
            channel.Inject([0, 0, 0x84, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0xC0, 12, 0, 0], responder); // a pointer to itself
            var answers = new List<Emu.DnsRecord>();
            foreach (var q in query.Questions)
            {
                // A terse responder: each answer holds only what was asked, nothing additional.
                if (q.Type == Emu.DnsType.Ptr)
                {
                    answers.Add(Emu.DnsRecord.Ptr("_http._tcp.local", "Camera._http._tcp.local", 4500));
                    answers.Add(Emu.DnsRecord.Ptr("_http._tcp.local", "Gone._http._tcp.local", 4500));
                    answers.Add(Emu.DnsRecord.Ptr("_http._tcp.local", "Gone._http._tcp.local", 0)); // its goodbye
                }
                if (q.Type == Emu.DnsType.Srv) answers.Add(Emu.DnsRecord.Srv("Camera._http._tcp.local", "cam.local", 8081, 120, true));
                if (q.Type == Emu.DnsType.Txt) answers.Add(Emu.DnsRecord.Txt("Camera._http._tcp.local", ["res=720p"], 4500, true));
                if (q.Type == Emu.DnsType.A) answers.Add(Emu.DnsRecord.A("cam.local", IPAddress.Parse("192.168.1.40"), 120, true));
            }
            channel.Inject(new Emu.DnsMessage { Flags = 0x8400, Answers = answers }.Encode(), responder);
        };

        var camera = Assert.Single(new Server(f.Radio).Find("_http", "_tcp", 2));
        Assert.Equal(("Camera", "cam", 8081, "192.168.1.40", "res=720p"), (camera.InstanceName, camera.Hostname, camera.Port, camera.Ipv4Address.ToString(), Assert.Single(camera.TxtRecords)));
        lock (questions)
        {
            Assert.Equal(["12 _http._tcp.local", "12 _http._tcp.local", "33 Camera._http._tcp.local", "16 Camera._http._tcp.local"], questions.Take(4));
            Assert.Contains("1 cam.local", questions);
        }
    }

    [Fact]
    public void BadArgumentsSendNothing()
    {
        using var f = Connected("v4.1.1-c3");
        var server = new Server(f.Radio);
        f.Mark();
        Assert.Throws<ArgumentException>(() => server.Find("_http", "tcp"));
        Assert.Throws<ArgumentException>(() => server.Find("_http._tcp", "_tcp"));
        Assert.Throws<ArgumentException>(() => server.Find("", "_udp"));
        Assert.Throws<ArgumentOutOfRangeException>(() => server.Find("_http", "_tcp", -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => server.Find("_http", "_tcp", double.NaN));
        Assert.Equal("", f.WrittenSinceMark);
    }

    [Fact]
    public void WithoutWifiTheLinkCannotOpen()
    {
        using var f = new CircuitPythonWifi();
        Assert.ThrowsAny<AtCommandException>(() => new Server(f.Radio).Find("_http", "_tcp", 0.2));
        Assert.True(NoLinkOpen(f.Emulator));
    }
}
