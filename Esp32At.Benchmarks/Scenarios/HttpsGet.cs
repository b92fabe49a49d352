using Esp32At.Benchmarks.Line;
using Esp32At.Benchmarks.Peers;
using Esp32At.Links;

namespace Esp32At.Benchmarks.Scenarios;

/// <summary>
/// HTTPS GET over an SSL link (TLS runs on the ESP; the UART carries plaintext), split as the seed published it:
/// connect + handshake (the handshake time is the emulator's model), send, receive. Median of a few requests.
/// </summary>
public static class HttpsGet
{
    public static HttpsResult Run(BenchRig rig, int size, int requests)
    {
        using var peer = new HttpPeer(tls: true);
        var tls = new TlsSettings { VerifyServer = false };
        var runs = new List<HttpFetch.Timing>();
        long trips = 0;
        for (int i = 0; i < requests; i++)
        {
            var before = rig.Wire.Snapshot();
            runs.Add(HttpFetch.Get(rig.Links, peer.Port, size, tls));
            trips = (rig.Wire.Snapshot() - before).Writes;
        }
        double Median(Func<HttpFetch.Timing, double> f) => runs.Select(f).OrderBy(x => x).ElementAt(runs.Count / 2);
        return new HttpsResult(rig.Profile.Name, rig.Baud, size, Median(t => t.Connect), Median(t => t.Send),
            Median(t => t.Receive), trips, LineRate.Seconds(HttpPeer.ResponseLength(size), rig.Baud), rig.RingHighWater);
    }
}
