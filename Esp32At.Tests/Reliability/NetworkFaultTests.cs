using Esp32At.Engine;
using Esp32At.Links;
using Esp32At.Wifi;

namespace Esp32At.Tests.Reliability;

/// <summary>
/// The network misbehaves (access point gone, name not found, peer refuses, all links taken): the caller gets a
/// clear error in bounded time, no link id leaks, and everything works again once the cause is gone.
/// </summary>
public sealed class NetworkFaultTests
{
    [Fact]
    public void WifiLostAndRegained_LinksEndClearly_TheStationComesBack_AndNewLinksWork()
    {
        using var peer = new EchoPeer();
        using var f = new FaultFixture();
        int id = f.Links.OpenTcp("127.0.0.1", peer.Port);
        var acked = "before the drop"u8.ToArray();
        f.Links.Send(id, acked, 0, acked.Length);
        Assert.Equal(acked, f.ReadAll(id, acked.Length));

        Assert.True(f.Emulator.Radio.DropConnection());
        Assert.True(f.Wifi.WaitForState(StationState.Disconnected, 3000));
        var buf = new byte[16];
        int n = -1;
        Exception? readError = null;
        var elapsed = FaultFixture.Timed(() => readError = Record.Exception(() => n = f.Links.Receive(id, buf, 0, buf.Length, 5000)));
        Assert.True(elapsed < TimeSpan.FromSeconds(2), $"read took {elapsed}");
        Assert.True(n == 0 || readError is LinkResetException, $"n={n}, error={readError}");
        var sendError = Record.Exception(() => f.Links.Send(id, [1], 0, 1));
        Assert.True(sendError is LinkResetException or InvalidOperationException, $"send on a dropped link: {sendError}");
        Assert.NotNull(Record.Exception(() => f.Links.OpenTcp("127.0.0.1", peer.Port, 3000))); // no IP: CIPSTART fails

        elapsed = FaultFixture.Timed(() =>
        {
            f.Emulator.Radio.RestoreConnection();
            Assert.True(f.Wifi.WaitForState(StationState.GotIp, 10_000), "the station did not get its address back");
        });
        Assert.True(elapsed < TimeSpan.FromSeconds(10), $"rejoin took {elapsed}");
        Assert.True(f.Wifi.IsConnected);
        f.Links.Close(id);
        int again = f.Links.OpenTcp("127.0.0.1", peer.Port);
        var data = "after the return"u8.ToArray();
        f.Links.Send(again, data, 0, data.Length);
        Assert.Equal(data, f.ReadAll(again, data.Length));
    }

    [Fact]
    public void DnsFailure_IsAClearErrorInBoundedTime_TheIdIsFreed_AndResolutionWorksAfterwards()
    {
        using var peer = new EchoPeer();
        using var f = new FaultFixture();
        var resolver = new HostResolver(f.Device);
        f.Emulator.Faults.FailDns("echo.test");

        var (resolveError, elapsed) = FaultFixture.TimedThrows<AtCommandException>(() => resolver.Resolve("echo.test"));
        Assert.True(elapsed < TimeSpan.FromSeconds(3), $"resolve failed after {elapsed}");
        Assert.Contains("echo.test", resolveError.Message);
        var (openError, _) = FaultFixture.TimedThrows<AtCommandException>(() => f.Links.OpenTcp("echo.test", peer.Port));
        Assert.IsNotType<AtTimeoutException>(openError);
        Assert.Equal(LinkState.Free, f.Links.StateOf(0));

        f.Emulator.Faults.RestoreDns("echo.test");
        Assert.Equal(new byte[] { 127, 0, 0, 1 }, resolver.Resolve("echo.test"));
        Assert.Equal(0, f.Links.OpenTcp("echo.test", peer.Port));
    }

    [Fact]
    public void ConnectionRefused_IsAClearErrorInBoundedTime_AndTheNextConnectWorks()
    {
        using var peer = new EchoPeer();
        using var f = new FaultFixture();
        f.Emulator.Faults.RefuseConnect(1);

        var (error, elapsed) = FaultFixture.TimedThrows<AtCommandException>(() => f.Links.OpenTcp("127.0.0.1", peer.Port));

        Assert.IsNotType<AtTimeoutException>(error);
        Assert.True(elapsed < TimeSpan.FromSeconds(3), $"took {elapsed}");
        Assert.Equal(1, f.Count("AT+CIPSTART="));
        Assert.Equal(LinkState.Free, f.Links.StateOf(0));
        Assert.Equal(0, f.Links.OpenTcp("127.0.0.1", peer.Port));
    }

    [Fact]
    public void LinkTableFull_TheExtraOpenFailsWithoutTouchingTheEsp_AndAClosedIdIsReused()
    {
        using var peers = new DisposableList<EchoPeer>();
        using var f = new FaultFixture();
        var ids = new List<int>();
        for (int i = 0; i < f.Links.Count; i++) ids.Add(f.Links.OpenTcp("127.0.0.1", peers.Add(new EchoPeer()).Port));
        Assert.Equal([0, 1, 2, 3, 4], ids);
        int starts = f.Count("AT+CIPSTART=");

        var extra = peers.Add(new EchoPeer());
        var e = Assert.Throws<NoFreeLinkException>(() => f.Links.OpenTcp("127.0.0.1", extra.Port));
        Assert.Equal(5, e.LinkCount);
        Assert.Contains("in use", e.Message);
        Assert.Equal(starts, f.Count("AT+CIPSTART="));

        f.Links.Close(2);
        Assert.Equal(2, f.Links.OpenTcp("127.0.0.1", extra.Port));
        foreach (int id in new[] { 0, 1, 2, 3, 4 })
        {
            var data = new[] { (byte)id, (byte)'x' };
            f.Links.Send(id, data, 0, 2);
            Assert.Equal(data, f.ReadAll(id, 2));
        }
    }

    /// <summary>Disposes what it holds.</summary>
    private sealed class DisposableList<T> : IDisposable where T : IDisposable
    {
        private readonly List<T> items = [];
        public T Add(T item) { items.Add(item); return item; }
        public void Dispose() { foreach (var i in items) i.Dispose(); }
    }
}
