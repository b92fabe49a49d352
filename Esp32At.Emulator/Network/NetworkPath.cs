namespace Esp32At.Emulator.Network;

/// <summary>
/// The simulated network between the ESP and a link's peer (issue 14 part 3): a one-way latency, a jitter (uniform,
/// 0..JitterMs added) and a bandwidth, in firmware time (the clock scales it by --speed, so 0 at --speed 0). The
/// emulator's links run over loopback, which has none of them: without this a server's answer reached the host in the
/// same UART read as SEND OK, which no real network does.
/// </summary>
/// <param name="Name">Printed by the CLI and the benchmarks: <c>lan</c>, <c>wan</c>, <c>none</c> or <c>custom</c>.</param>
/// <param name="OneWayMs">Latency of each direction, ms.</param>
/// <param name="JitterMs">Up to this many ms added to each delivery.</param>
/// <param name="BytesPerSecond">Bandwidth of each direction; 0 = unlimited.</param>
public sealed record NetworkPath(string Name, double OneWayMs, double JitterMs, long BytesPerSecond)
{
    /// <summary>A Wi-Fi LAN: about 2 ms one way, 20 Mbit/s of goodput.</summary>
    public static readonly NetworkPath Lan = new("lan", 2, 1, 2_500_000);
    /// <summary>An internet server: 20-40 ms one way, 10 Mbit/s.</summary>
    public static readonly NetworkPath Wan = new("wan", 20, 20, 1_250_000);
    /// <summary>Loopback as it is: for tests that need exact timing.</summary>
    public static readonly NetworkPath None = new("none", 0, 0, 0);

    /// <summary>lan, wan or none; else null.</summary>
    public static NetworkPath? Named(string name) => name switch { "lan" => Lan, "wan" => Wan, "none" => None, _ => null };

    /// <summary><c>lan</c>, <c>wan</c>, <c>none</c> or <c>oneWayMs,jitterMs,bytesPerSecond</c> (the CLI's --network);
    /// throws <see cref="FormatException"/> naming the text otherwise.</summary>
    public static NetworkPath Parse(string text)
    {
        if (Named(text.Trim().ToLowerInvariant()) is { } named) return named;
        var parts = text.Split(',');
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        if (parts.Length == 3 && double.TryParse(parts[0], inv, out var oneWay) && oneWay >= 0
            && double.TryParse(parts[1], inv, out var jitter) && jitter >= 0 && long.TryParse(parts[2], inv, out var bw) && bw >= 0)
            return new NetworkPath("custom", oneWay, jitter, bw);
        throw new FormatException($"network path '{text}': expected lan, wan, none or oneWayMs,jitterMs,bytesPerSecond");
    }

    /// <summary>Firmware ms for <paramref name="bytes"/> to cross one way, with <paramref name="jitter01"/> in [0,1).</summary>
    public double DeliveryMs(int bytes, double jitter01) =>
        OneWayMs + JitterMs * jitter01 + (BytesPerSecond > 0 ? bytes * 1000.0 / BytesPerSecond : 0);

    /// <summary>"lan (one way 2 ms + 0-1 ms jitter, 2500000 B/s)": what a benchmark ran on.</summary>
    public string Describe() => $"{Name} (one way {OneWayMs} ms + 0-{JitterMs} ms jitter, {(BytesPerSecond > 0 ? BytesPerSecond + " B/s" : "unlimited")})";
}
