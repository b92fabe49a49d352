using Esp32At.Engine;
using Esp32At.Links;
using Esp32At.Wifi;

namespace Esp32At.Tests.Reliability;

/// <summary>
/// <c>busy p...</c> (spec §1.6, §7.1: the line was dropped) around each command kind. A CIPSEND refused before its
/// prompt sent no payload byte, so it is written again and the data arrives exactly once; a CIPSTART is written again
/// only after the ESP confirmed the link does not exist (esp-at#993); CWJAP is never written twice (the caller gets
/// <see cref="AtBusyException"/>); idempotent commands are resent and succeed.
/// </summary>
public sealed class BusyFaultTests
{
    [Fact]
    public void BusyOnCipSend_TheCommandIsRepeated_ThePayloadGoesOutOnce_AndArrivesOnce()
    {
        using var peer = new EchoPeer(echo: false);
        using var f = new FaultFixture();
        int id = f.Links.OpenTcp("127.0.0.1", peer.Port);
        var payload = "payload-7f3a-once"u8.ToArray();
        f.Emulator.Faults.BusyOnNextCommand(1);

        var elapsed = FaultFixture.Timed(() => f.Links.Send(id, payload, 0, payload.Length));

        Assert.True(elapsed < TimeSpan.FromSeconds(2), $"took {elapsed}");
        Assert.Equal(2, f.Count("AT+CIPSEND=" + id + "," + payload.Length + "\r\n"));
        Assert.Equal(1, f.Count("payload-7f3a-once"));
        Assert.True(peer.WaitForBytes(0, payload.Length, 5000));
        Assert.Equal(LinkState.Open, f.Links.StateOf(id));
        var next = "next"u8.ToArray();
        f.Links.Send(id, next, 0, next.Length);
        Assert.True(peer.WaitForBytes(0, payload.Length + next.Length, 5000));
        Assert.Equal([.. payload, .. next], peer.Received(0));
    }

    [Fact]
    public void BusyOnCipStart_TheLinkIsCheckedBeforeASecondStart_AndThePeerSeesOneConnection()
    {
        using var peer = new EchoPeer();
        using var f = new FaultFixture();
        int mark = f.Mark;
        f.Emulator.Faults.BusyOnNextCommand(1);

        int id = f.Links.OpenTcp("127.0.0.1", peer.Port);

        Assert.Equal(0, id);
        var written = f.Wire.Written[mark..];
        int first = written.IndexOf("AT+CIPSTART=0,", StringComparison.Ordinal);
        int second = written.IndexOf("AT+CIPSTART=0,", first + 1, StringComparison.Ordinal);
        Assert.True(second > first, "CIPSTART was not written again after busy");
        var between = written[first..second];
        Assert.True(between.Contains("AT+CIPSTATE?") || between.Contains("AT+CIPSTATUS"), "no link-state query before the second CIPSTART: " + between);
        Assert.Equal(2, f.Count("AT+CIPSTART="));
        var data = "one connection"u8.ToArray();
        f.Links.Send(id, data, 0, data.Length);
        Assert.Equal(data, f.ReadAll(id, data.Length));
        Assert.Equal(1, peer.Connections);
    }

    [Fact]
    public void BusyOnCwjap_ThrowsBusy_WritesItOnce_AndAJoinAfterwardsWorks()
    {
        using var f = new FaultFixture(join: false);
        f.Wifi.SetMode(WifiMode.Station);
        f.Emulator.Faults.BusyOnNextCommand(1);

        var (error, _) = FaultFixture.TimedThrows<AtBusyException>(() => f.Wifi.Join(FaultFixture.Ssid, FaultFixture.Password, null, 0));

        Assert.DoesNotContain(FaultFixture.Password, error.Message);
        Assert.Equal(1, f.Count("AT+CWJAP="));
        f.Wifi.Join(FaultFixture.Ssid, FaultFixture.Password, null, 0);
        Assert.Equal(2, f.Emulator.State.WifiState);
        Assert.Equal(2, f.Count("AT+CWJAP="));
    }

    [Fact]
    public void BusyOnIdempotentCommands_TheyAreResentAndSucceed()
    {
        using var peer = new EchoPeer();
        using var f = new FaultFixture();
        var resolver = new HostResolver(f.Device);
        int id = f.Links.OpenTcp("127.0.0.1", peer.Port);
        var data = "echo me"u8.ToArray();
        f.Links.Send(id, data, 0, data.Length);
        Assert.True(f.Links.WaitReadable(id, 5000));

        f.Emulator.Faults.BusyOnNextCommand(1);
        Assert.Equal(data, f.ReadAll(id, data.Length));
        Assert.Equal(2, f.Count("AT+CIPRECVDATA=" + id + ","));

        f.Emulator.Faults.BusyOnNextCommand(1);
        Assert.Equal(new byte[] { 127, 0, 0, 1 }, resolver.Resolve("echo.test"));
        Assert.Equal(2, f.Count("AT+CIPDOMAIN="));

        f.Emulator.Faults.BusyOnNextCommand(1);
        Assert.NotEmpty(f.Wifi.Scan());
        Assert.Equal(2, f.Count("AT+CWLAP\r\n"));

        f.Emulator.Faults.BusyOnNextCommand(1);
        f.Links.Close(id);
        Assert.Equal(2, f.Count("AT+CIPCLOSE=" + id));
        Assert.Equal(LinkState.Free, f.Links.StateOf(id));
    }

    [Fact]
    public void ABusyWindow_DelaysQueriesAndSendsBoundedly_WithoutLosingOrRepeatingData()
    {
        using var peer = new EchoPeer();
        using var f = new FaultFixture();
        int id = f.Links.OpenTcp("127.0.0.1", peer.Port);

        f.Emulator.Faults.BusyFor(400);
        var elapsed = FaultFixture.Timed(() => Assert.True(f.Wifi.IsConnected));
        Assert.True(elapsed >= TimeSpan.FromMilliseconds(350) && elapsed < TimeSpan.FromSeconds(2), $"query took {elapsed}");

        f.Emulator.Faults.BusyFor(400);
        elapsed = FaultFixture.Timed(() => f.Links.Send(id, [1, 2, 3], 0, 3));
        Assert.True(elapsed >= TimeSpan.FromMilliseconds(350) && elapsed < TimeSpan.FromSeconds(2), $"send took {elapsed}");
        f.Links.Send(id, [4, 5, 6], 0, 3);
        Assert.Equal(new byte[] { 1, 2, 3, 4, 5, 6 }, f.ReadAll(id, 6));
    }

    [Fact]
    public void ABusyWindowLongerThanTheSendTimeout_FailsTheSendWithATimeout_InBoundedTime()
    {
        using var peer = new EchoPeer();
        using var f = new FaultFixture();
        int id = f.Links.OpenTcp("127.0.0.1", peer.Port);
        f.Emulator.Faults.BusyFor(15_000);
        var (_, elapsed) = FaultFixture.TimedThrows<AtTimeoutException>(() => f.Links.Send(id, [1], 0, 1));
        Assert.True(elapsed < TimeSpan.FromSeconds(11), $"send gave up after {elapsed}");
        Assert.Equal(0, peer.Connections > 0 ? peer.Received(0).Length : 0);
    }
}
