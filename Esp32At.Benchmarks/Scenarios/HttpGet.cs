using Esp32At.Benchmarks.Line;
using Esp32At.Benchmarks.Peers;

namespace Esp32At.Benchmarks.Scenarios;

/// <summary>
/// Plain HTTP GETs of a small body: UART round trips (host writes) and bytes on the wire per request, which are
/// deterministic, and the time against the line-limited minimum (request + response bytes at the line rate).
/// </summary>
public static class HttpGet
{
    public static HttpResult Run(BenchRig rig, int size, int requests)
    {
        using var peer = new HttpPeer();
        HttpFetch.Get(rig.Links, peer.Port, size); // warm-up
        long minTrips = long.MaxValue, maxTrips = 0, bytesOut = 0, bytesIn = 0, allocated = 0;
        var times = new List<double>(requests);
        var request = HttpPeer.Request(size);
        var buffer = new byte[2048];
        for (int i = 0; i < requests; i++)
        {
            var before = rig.Wire.Snapshot();
            var meter = AllocationMeter.Start();
            var timing = HttpFetch.Get(rig.Links, peer.Port, size, request, buffer);
            allocated += meter.Library();
            times.Add(timing.Total);
            var wire = rig.Wire.Snapshot() - before;
            minTrips = Math.Min(minTrips, wire.Writes);
            maxTrips = Math.Max(maxTrips, wire.Writes);
            bytesOut += wire.BytesOut;
            bytesIn += wire.BytesIn;
        }
        times.Sort();
        double minimum = LineRate.Seconds(HttpPeer.Request(size).Length + HttpPeer.ResponseLength(size), rig.Baud);
        return new HttpResult(rig.Profile.Name, rig.Baud, size, requests, minTrips, maxTrips,
            (double)bytesOut / requests, (double)bytesIn / requests, times[times.Count / 2], minimum,
            (double)allocated / requests, rig.RingHighWater);
    }
}
