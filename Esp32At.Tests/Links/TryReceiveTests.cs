using Esp32At.Links;
using Esp32At.Tests.EmulatorNet;

namespace Esp32At.Tests.Links;

public class TryReceiveTests
{
    [Fact]
    public void NoDataInTimeIsFalse_NotAnException_AndTheLinkStaysOpen()
    {
        using var server = new LoopbackServer(LoopbackServer.Echo);
        using var f = new LinkFixture();
        int id = f.Links.OpenTcp("127.0.0.1", server.Port);
        Assert.False(f.Links.TryReceive(id, new byte[4], 0, 4, 100, out int n));
        Assert.Equal(0, n);
        Assert.Equal(LinkState.Open, f.Links.StateOf(id));

        f.Links.Send(id, "ping"u8.ToArray(), 0, 4);
        var buffer = new byte[8];
        int total = 0;
        while (total < 4)
        {
            Assert.True(f.Links.TryReceive(id, buffer, total, buffer.Length - total, 5000, out n));
            Assert.True(n > 0);
            total += n;
        }
        Assert.Equal("ping"u8.ToArray(), buffer[..4]);
        f.Links.Close(id);
    }

    [Fact]
    public void EndOfStreamIsTrueWithZero_AndFreesTheLink()
    {
        using var server = new LoopbackServer(s => s.Write("bye"u8));
        using var f = new LinkFixture();
        int id = f.Links.OpenTcp("127.0.0.1", server.Port);
        var buffer = new byte[16];
        int total = 0;
        int n;
        while (true)
        {
            Assert.True(f.Links.TryReceive(id, buffer, total, buffer.Length - total, 5000, out n));
            if (n == 0) break;
            total += n;
        }
        Assert.Equal("bye"u8.ToArray(), buffer[..total]);
        Assert.Equal(LinkState.Free, f.Links.StateOf(id));
        Assert.Throws<InvalidOperationException>(() => f.Links.TryReceive(id, buffer, 0, 4, 10, out n));
    }

    [Fact]
    public void BadArgumentsAreRejectedBeforeAnythingIsSent()
    {
        using var f = new LinkFixture();
        Assert.Equal("buffer", Assert.Throws<ArgumentNullException>(() => f.Links.TryReceive(0, null!, 0, 1, 10, out _)).ParamName);
        Assert.Equal("count", Assert.Throws<ArgumentOutOfRangeException>(() => f.Links.TryReceive(0, new byte[4], 0, 5, 10, out _)).ParamName);
        Assert.Equal("linkId", Assert.Throws<ArgumentOutOfRangeException>(() => f.Links.TryReceive(9, new byte[4], 0, 4, 10, out _)).ParamName);
    }
}
