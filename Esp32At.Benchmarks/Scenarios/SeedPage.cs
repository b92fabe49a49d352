using System.Collections.Concurrent;
using System.Diagnostics;
using Esp32At.Benchmarks.Line;
using Esp32At.Benchmarks.Peers;

namespace Esp32At.Benchmarks.Scenarios;

/// <summary>
/// The seed's published web-page scenario: 9 requests, 137.76 kB in all (7.08 s at 1.5 Mbaud on the seed, about 13 % of
/// what the line carries), fetched one after another, and over parallel links (at most <see cref="ParallelLinks"/>).
/// </summary>
public static class SeedPage
{
    /// <summary>Body sizes of the page's 9 resources (HTML, CSS, scripts, images); the answers total 137 760 bytes.</summary>
    public static readonly int[] Bodies = Build();

    public const int ParallelLinks = 4;

    public static PageResult Run(BenchRig rig, bool parallel, int[]? bodies = null)
    {
        bodies ??= Bodies;
        using var peer = new HttpPeer();
        long bytes = bodies.Sum(b => (long)HttpPeer.Request(b).Length + HttpPeer.ResponseLength(b));
        var clock = Stopwatch.StartNew();
        if (!parallel)
        {
            foreach (int size in bodies) HttpFetch.Get(rig.Links, peer.Port, size);
        }
        else
        {
            var queue = new ConcurrentQueue<int>(bodies);
            var errors = new ConcurrentQueue<Exception>();
            var workers = Enumerable.Range(0, ParallelLinks).Select(_ => new Thread(() =>
            {
                try
                {
                    while (queue.TryDequeue(out int size)) HttpFetch.Get(rig.Links, peer.Port, size);
                }
                catch (Exception e) { errors.Enqueue(e); }
            })).ToList();
            workers.ForEach(w => w.Start());
            workers.ForEach(w => w.Join());
            if (!errors.IsEmpty) throw new AggregateException(errors);
        }
        double seconds = clock.Elapsed.TotalSeconds;
        return new PageResult(rig.Profile.Name, rig.Baud, parallel ? $"{ParallelLinks} links" : "sequential", bodies.Length,
            bytes, seconds, LineRate.Seconds(bytes, rig.Baud), rig.RingHighWater);
    }

    private static int[] Build()
    {
        // A typical small site: page, stylesheet, two scripts, five images; the last body makes the answers sum to 137 760.
        int[] bodies = [9_800, 6_200, 24_500, 11_300, 30_100, 18_700, 9_400, 12_600, 0];
        int headers = bodies.Sum(b => HttpPeer.ResponseHeader(b).Length) + HttpPeer.ResponseHeader(14_000).Length - HttpPeer.ResponseHeader(0).Length;
        bodies[^1] = 137_760 - headers - bodies.Sum();
        if (bodies.Sum(b => HttpPeer.ResponseLength(b)) != 137_760) throw new InvalidOperationException("page sizes do not add up");
        return bodies;
    }
}
