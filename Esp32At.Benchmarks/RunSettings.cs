using Esp32At.Emulator.Profiles;

namespace Esp32At.Benchmarks;

/// <summary>What a line-rate run covers and how big its transfers are.</summary>
public sealed record RunSettings
{
    public IReadOnlyList<int> Bauds { get; init; } = [115_200, 921_600, 1_500_000, 3_000_000];

    /// <summary>The newest recommended release and the oldest supported one (2 KiB CIPSEND maximum, no CIPSENDL).</summary>
    public IReadOnlyList<FirmwareProfile> Profiles { get; init; } = [FirmwareProfile.V4_1_1_C3, FirmwareProfile.V2_2_C3];

    /// <summary>
    /// Bytes of each bulk transfer at a baud rate: 1 MiB from 1.5 Mbaud; below, 1 MiB takes 11 s (921600) or 91 s (115200)
    /// of pure wire time, and the ratio is stable once a transfer is long against one exchange, so 512 KiB and 64 KiB
    /// (about 5.7 s of wire time each) keep the whole run under ten minutes.
    /// </summary>
    public Func<int, long> BulkBytes { get; init; } = baud => baud >= 1_500_000 ? 1 << 20 : baud >= 921_600 ? 512 << 10 : 64 << 10;

    public int[] ReadSizes { get; init; } = [1024, 8192];
    public int UdpSize { get; init; } = 64;
    public TimeSpan UdpDuration { get; init; } = TimeSpan.FromSeconds(2);
    public int HttpBody { get; init; } = 1000;
    public int HttpRequests { get; init; } = 5;
    public bool SeedPage { get; init; } = true;
    public int HttpsRequests { get; init; } = 3;
    /// <summary>The emulator's modelled TLS handshake (spec §8: 1-5 s).</summary>
    public int SslHandshakeMs { get; init; } = 1500;
    public int AllocationOperations { get; init; } = 100;

    /// <summary>Only the scenario groups named here (tcp, active, passthrough, udp, http, page, https, allocation); null: all (<c>--only a,b</c>).</summary>
    public IReadOnlySet<string>? Only { get; init; }

    /// <summary>Whether scenario group <paramref name="name"/> runs.</summary>
    public bool Runs(string name) => Only == null || Only.Contains(name);

    /// <summary>Where the tables (<c>performance-results.md</c>) and the plot go; null = nowhere.</summary>
    public string? OutputDirectory { get; init; }

    /// <summary>Replace the generated part of this markdown file (between the result markers) with the tables.</summary>
    public string? DocumentToUpdate { get; init; }

    /// <summary>One baud, one profile, small sizes: the CI check that the runner still produces its tables.</summary>
    public static RunSettings Smoke { get; } = new()
    {
        Bauds = [921_600],
        Profiles = [FirmwareProfile.V4_1_1_C3],
        BulkBytes = _ => 24 << 10,
        UdpDuration = TimeSpan.FromMilliseconds(300),
        HttpRequests = 2,
        SeedPage = false,
        HttpsRequests = 1,
        SslHandshakeMs = 50,
        AllocationOperations = 20,
    };
}
