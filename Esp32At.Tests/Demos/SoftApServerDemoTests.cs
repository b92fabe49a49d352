using Esp32At.Demos.Common;
using Esp32At.Demos.HttpServer;

namespace Esp32At.Tests.Demos;

/// <summary>
/// The server demo's <c>--ap</c> mode on the emulator: the ESP runs a soft-AP, advertises <c>esp32at.local</c> with
/// AT+MDNS, a simulated phone joins and is listed, and the page answers a real HTTP client with the soft-AP address.
/// </summary>
[Collection(DemoCollection.Name)]
public class SoftApServerDemoTests
{
    [Fact]
    public async Task SoftApModeAdvertisesListsTheJoinedStationAndServes()
    {
        var log = new ServerLog();
        using var stop = new ManualResetEvent(false);
        int exit = -1;
        string? seen = null;
        void Opened(DemoSession session)
        {
            var radio = session.Emulator!.State.Wireless;
            lock (radio.Gate)
            {
                seen = $"mode {session.Emulator.State.CwMode}; ap {radio.SoftAp.Ssid}/{radio.SoftAp.Password}/ecn {radio.SoftAp.Ecn}; " +
                    $"mdns {radio.Mdns?.Hostname} {radio.Mdns?.ServiceType} {radio.Mdns?.Port}; " +
                    $"stations {string.Join(",", radio.Stations.Select(s => s.Mac + "=" + s.Ip))}";
            }
        }
        var thread = new Thread(() => exit = HttpServerDemo.Run(
            ["--ap", "--ap-ssid", "Board-AP", "--ap-password", "board-secret", "--speed", "0", "--listen-port", "8081", "--seconds", "120"],
            log, stop, Opened));
        thread.Start();
        try
        {
            Assert.True(log.UrlKnown.Wait(TimeSpan.FromSeconds(30)), log.Text);
            // Soft-AP added to the station mode (CWMODE 3), WPA2 (ecn 3), mDNS on the served port, the phone leased .2.
            Assert.Equal($"mode 3; ap Board-AP/board-secret/ecn 3; mdns esp32at _http 8081; stations {HttpServerDemo.SimulatedPhoneMac}=192.168.4.2", seen);
            Assert.Contains($"  station {HttpServerDemo.SimulatedPhoneMac} 192.168.4.2", log.Lines);
            Assert.Contains(log.Lines, l => l.Contains("soft-AP \"Board-AP\" up at 192.168.4.1"));
            Assert.DoesNotContain(log.Lines, l => l.Contains("joined \""));

            using var http = new HttpClient { BaseAddress = new Uri(log.Url!), Timeout = TimeSpan.FromSeconds(30) };
            var status = await http.GetStringAsync("/api/status");
            Assert.Contains("\"address\":\"192.168.4.1\"", status);
            log.WaitForAnswers(1);
        }
        finally
        {
            stop.Set();
            Assert.True(thread.Join(TimeSpan.FromSeconds(30)));
        }
        Assert.Equal(0, exit);
    }
}
