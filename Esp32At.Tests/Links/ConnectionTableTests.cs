using Esp32At.Links;
using Esp32At.Tests.EmulatorNet;

namespace Esp32At.Tests.Links;

public class ConnectionTableTests
{
    public static TheoryData<string> Profiles() => new() { "v2.2.0-c3", "v3.3.0-c3", "v4.0.0-c6", "v4.1.1-c3" };

    [Theory]
    [MemberData(nameof(Profiles))]
    public void EchoesTwentyKilobytesWithoutLosingOrDuplicatingAByte(string profile)
    {
        using var server = new LoopbackServer(LoopbackServer.Echo);
        using var f = new LinkFixture(profile);
        int id = f.Links.OpenTcp("127.0.0.1", server.Port);
        Assert.Equal(0, id);
        Assert.Equal(LinkState.Open, f.Links.StateOf(id));
        var data = new byte[20_000];
        new Random(42).NextBytes(data);
        f.Links.Send(id, data, 0, data.Length); // > CIPSEND max on every firmware: several chunks
        Assert.Equal(data, f.ReadAll(id, data.Length, 1500));
        f.Links.Close(id);
        Assert.Equal(LinkState.Free, f.Links.StateOf(id));
    }

    [Fact]
    public void DataSentBeforeThePeerClosedIsReadThenEndOfStream()
    {
        var payload = new byte[9000];
        new Random(1).NextBytes(payload);
        using var server = new LoopbackServer(s => s.Write(payload));
        using var f = new LinkFixture();
        int id = f.Links.OpenTcp("127.0.0.1", server.Port);
        Assert.Equal(payload, f.ReadAll(id, int.MaxValue, 700));
        Assert.Equal(LinkState.Free, f.Links.StateOf(id));
    }

    [Fact]
    public void FiveLinksAtOnceKeepTheirDataApart()
    {
        var servers = Enumerable.Range(0, 5).Select(_ => new LoopbackServer(LoopbackServer.Echo)).ToList();
        try
        {
            using var f = new LinkFixture();
            var ids = servers.Select(s => f.Links.OpenTcp("127.0.0.1", s.Port)).ToList();
            Assert.Equal(new[] { 0, 1, 2, 3, 4 }, ids);
            Assert.Throws<NoFreeLinkException>(() => f.Links.OpenTcp("127.0.0.1", servers[0].Port));
            var received = new byte[5][];
            var errors = new List<Exception>();
            var threads = ids.Select(id => new Thread(() =>
            {
                try
                {
                    var mine = Enumerable.Range(0, 3000).Select(i => (byte)(id * 37 + i)).ToArray();
                    f.Links.Send(id, mine, 0, mine.Length);
                    received[id] = f.ReadAll(id, mine.Length, 512);
                }
                catch (Exception e) { lock (errors) errors.Add(e); }
            })).ToList();
            threads.ForEach(t => t.Start());
            threads.ForEach(t => t.Join());
            Assert.Empty(errors);
            foreach (var id in ids) Assert.Equal(Enumerable.Range(0, 3000).Select(i => (byte)(id * 37 + i)), received[id]);
            foreach (var id in ids) f.Links.Close(id);
        }
        finally { servers.ForEach(s => s.Dispose()); }
    }

    [Fact]
    public void ARebootResetsOpenLinksWithAClearError()
    {
        using var server = new LoopbackServer(LoopbackServer.Echo);
        using var f = new LinkFixture();
        int id = f.Links.OpenTcp("127.0.0.1", server.Port);
        var buf = new byte[10];
        f.Emulator.Reboot();
        var e = Assert.Throws<LinkResetException>(() => f.Links.Receive(id, buf, 0, buf.Length, 5000));
        Assert.Equal(id, e.LinkId);
        Assert.Contains("rebooted", e.Message);
        Assert.Throws<LinkResetException>(() => f.Links.Send(id, buf, 0, 1));
        f.Links.Close(id);
        Assert.Equal(LinkState.Free, f.Links.StateOf(id));
    }

    [Fact]
    public void ReceiveTimesOutWhenNothingArrives()
    {
        using var server = new LoopbackServer(LoopbackServer.Echo);
        using var f = new LinkFixture();
        int id = f.Links.OpenTcp("127.0.0.1", server.Port);
        Assert.Throws<Esp32At.Engine.AtTimeoutException>(() => f.Links.Receive(id, new byte[4], 0, 4, 200));
        Assert.Equal(LinkState.Open, f.Links.StateOf(id));
        f.Links.Close(id);
    }

    [Fact]
    public void BadArgumentsAreRejectedNamingThem()
    {
        using var f = new LinkFixture();
        Assert.Equal("port", Assert.Throws<ArgumentOutOfRangeException>(() => f.Links.OpenTcp("127.0.0.1", 0)).ParamName);
        Assert.Equal("host", Assert.Throws<ArgumentException>(() => f.Links.OpenTcp("bad\r\nAT+RST", 80)).ParamName);
        Assert.Equal("linkId", Assert.Throws<ArgumentOutOfRangeException>(() => f.Links.Receive(9, new byte[1], 0, 1, 10)).ParamName);
        Assert.Equal("buffer", Assert.Throws<ArgumentNullException>(() => f.Links.Send(0, null!, 0, 1)).ParamName);
        Assert.Equal(LinkState.Free, f.Links.StateOf(0)); // the refused host left no half-open link
    }
}
