using Esp32At.Benchmarks.Scenarios;

namespace Esp32At.Benchmarks;

/// <summary>Everything one line-rate run measured.</summary>
public sealed class RunReport
{
    public List<ThroughputResult> Throughput { get; } = [];
    /// <summary>Passthrough (CIPMODE=1) receive and send, same columns as <see cref="Throughput"/>.</summary>
    public List<ThroughputResult> Passthrough { get; } = [];
    public List<UdpResult> Udp { get; } = [];
    public List<UdpReceiveResult> UdpReceive { get; } = [];
    public List<HttpResult> Http { get; } = [];
    public List<PageResult> Pages { get; } = [];
    public List<HttpsResult> Https { get; } = [];
    public List<AllocationResult> Allocations { get; } = [];
    public TimeSpan Elapsed { get; set; }
    public string Machine { get; set; } = "";
    /// <summary>The emulator's network path model the links crossed (lan, wan, none...), as the run's first line says.</summary>
    public string Network { get; set; } = "";
}
