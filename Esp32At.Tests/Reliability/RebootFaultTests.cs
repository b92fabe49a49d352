using Esp32At.Engine;
using Esp32At.Links;
using Esp32At.Wifi;

namespace Esp32At.Tests.Reliability;

/// <summary>
/// The ESP reboots (brown-out, crash) at each point of an exchange: the caller gets a clear error at once, data the
/// library acknowledged reached the peer exactly once, and the library brings the ESP back by itself in bounded time.
/// </summary>
public sealed class RebootFaultTests
{
    private const int RecoveryBoundMs = 10_000;
    private static readonly TimeSpan ErrorBound = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task RebootDuringReceive_FailsTheReadWithLinkReset_AndANewLinkWorksAfterRecovery()
    {
        using var peer = new EchoPeer();
        using var f = new FaultFixture();
        int id = f.Links.OpenTcp("127.0.0.1", peer.Port);
        var acked = "before the reboot"u8.ToArray();
        f.Links.Send(id, acked, 0, acked.Length);
        Assert.Equal(acked, f.ReadAll(id, acked.Length));

        var reader = Task.Run(() => FaultFixture.TimedThrows<LinkResetException>(() => f.Links.Receive(id, new byte[64], 0, 64, 10_000)));
        Thread.Sleep(50); // let the read start waiting; it must fail the same way if the reboot comes first
        f.Emulator.Faults.Reboot([0xFF, 0x00, 0x55]);
        Assert.True(await reader.Within(5000), "the read did not return");
        Assert.True((await reader).Elapsed < ErrorBound + TimeSpan.FromMilliseconds(50), $"read failed after {(await reader).Elapsed}");

        Assert.True(f.Device.WaitForRecovery(RecoveryBoundMs));
        AssertLinkWorks(f, peer, 1);
        Assert.Equal(acked, peer.Received(0));
    }

    [Fact]
    public async Task RebootDuringSend_FailsTheSend_AndOnlyAcknowledgedBytesReachedThePeer()
    {
        using var peer = new EchoPeer(echo: false);
        using var f = new FaultFixture();
        int id = f.Links.OpenTcp("127.0.0.1", peer.Port);
        var acked = "acknowledged"u8.ToArray();
        f.Links.Send(id, acked, 0, acked.Length);
        Assert.True(peer.WaitForBytes(0, acked.Length, 5000));

        f.Emulator.Faults.SlowCommand("CIPSEND", 3000);
        int mark = f.Mark;
        var lost = "never acknowledged"u8.ToArray();
        var sender = Task.Run(() => FaultFixture.TimedThrows<LinkResetException>(() => f.Links.Send(id, lost, 0, lost.Length)));
        Assert.True(f.WaitForWrite("AT+CIPSEND=" + id + "," + lost.Length + "\r\n", mark));
        f.Emulator.Faults.Reboot();
        Assert.True(await sender.Within(5000), "the send did not return");
        Assert.True((await sender).Elapsed < ErrorBound, $"send failed after {(await sender).Elapsed}");
        f.Emulator.Faults.SlowCommand("CIPSEND", 0);

        Assert.True(f.Device.WaitForRecovery(RecoveryBoundMs));
        Assert.Equal(LinkState.Reset, f.Links.StateOf(id));
        Assert.Equal(acked, peer.Received(0));
        Assert.Equal(1, f.Count("AT+CIPSEND=" + id + "," + lost.Length + "\r\n")); // not resent after the reboot
    }

    [Fact]
    public async Task RebootDuringConnect_FailsTheOpen_FreesTheId_AndTheStartIsNotResent()
    {
        using var peer = new EchoPeer();
        using var f = new FaultFixture();
        f.Emulator.Faults.SlowCommand("CIPSTART", 3000);
        int mark = f.Mark;
        var opener = Task.Run(() => FaultFixture.TimedThrows<AtCommandException>(() => f.Links.OpenTcp("127.0.0.1", peer.Port)));
        Assert.True(f.WaitForWrite("AT+CIPSTART=0,", mark));
        f.Emulator.Faults.Reboot();
        Assert.True(await opener.Within(5000), "the open did not return");
        Assert.IsType<AtRebootedException>((await opener).Error);
        Assert.True((await opener).Elapsed < ErrorBound, $"open failed after {(await opener).Elapsed}");
        f.Emulator.Faults.SlowCommand("CIPSTART", 0);

        Assert.True(f.Device.WaitForRecovery(RecoveryBoundMs));
        Assert.Equal(LinkState.Free, f.Links.StateOf(0));
        Assert.Equal(1, f.Count("AT+CIPSTART="));
        AssertLinkWorks(f, peer, 0);
        Assert.Equal(1, peer.Connections);
    }

    [Fact]
    public async Task RebootDuringScan_FailsTheScan_ThenTheServiceRejoinsAndScansAgain()
    {
        using var f = new FaultFixture();
        f.Emulator.Faults.SlowCommand("CWLAP", 3000);
        int mark = f.Mark;
        var scanner = Task.Run(() => FaultFixture.TimedThrows<AtRebootedException>(() => f.Wifi.Scan()));
        Assert.True(f.WaitForWrite("AT+CWLAP\r\n", mark));
        f.Emulator.Faults.Reboot();
        Assert.True(await scanner.Within(5000), "the scan did not return");
        Assert.True((await scanner).Elapsed < ErrorBound, $"scan failed after {(await scanner).Elapsed}");
        f.Emulator.Faults.SlowCommand("CWLAP", 0);

        Assert.True(f.Device.WaitForRecovery(RecoveryBoundMs));
        Assert.Equal(2, f.Emulator.State.WifiState);
        Assert.Contains(f.Wifi.Scan(), a => a.Ssid == FaultFixture.Ssid);
    }

    [Fact]
    public void RebootWhileIdle_RestoresTheJoinTheServerAndMdns_WithinTheBound()
    {
        using var f = new FaultFixture();
        var server = new LinkServer(f.Links);
        int port = FreePort();
        server.Start(port, 3);
        f.Wifi.Advertise(new MdnsAdvertisement("esp-reliab", "_http", port, "Reliab", "_tcp", null, null));
        bool? outcome = null;
        f.Device.Recovered += (_, ok) => outcome = ok;

        var elapsed = FaultFixture.Timed(() =>
        {
            f.Emulator.Faults.Reboot([0x00, 0xE0, 0xFC]);
            Assert.True(f.Device.WaitForRecovery(RecoveryBoundMs));
        });

        Assert.True(outcome);
        Assert.True(elapsed < TimeSpan.FromSeconds(5), $"recovery took {elapsed}");
        Assert.Equal(2, f.Emulator.State.WifiState);
        Assert.Equal(port, f.Emulator.Links.Server?.Port);
        Assert.Equal("esp-reliab", f.Emulator.State.Wireless.Mdns?.Hostname);
        Assert.Equal(3, f.Emulator.State.CipServerMaxConn);
        Assert.Equal(2, f.Count("AT+CWJAP=\"Home\",")); // the join and exactly one re-join
    }

    private static int FreePort()
    {
        var l = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        l.Start();
        int port = ((System.Net.IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }

    /// <summary>A fresh link to <paramref name="peer"/> round-trips data and got id <paramref name="expectedId"/>.</summary>
    private static void AssertLinkWorks(FaultFixture f, EchoPeer peer, int expectedId)
    {
        int id = f.Links.OpenTcp("127.0.0.1", peer.Port);
        Assert.Equal(expectedId, id);
        var data = "after recovery"u8.ToArray();
        f.Links.Send(id, data, 0, data.Length);
        Assert.Equal(data, f.ReadAll(id, data.Length));
        f.Links.Close(id);
    }
}
