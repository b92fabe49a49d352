namespace Esp32At.Benchmarks.Scenarios;

/// <summary>Byte counts as people write them.</summary>
public static class Size
{
    public static string Text(long bytes) =>
        bytes >= 1 << 20 && bytes % (1 << 20) == 0 ? $"{bytes >> 20} MiB"
        : bytes >= 1024 && bytes % 1024 == 0 ? $"{bytes >> 10} KiB"
        : $"{bytes} B";
}
