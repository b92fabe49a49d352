using System.Globalization;
using System.Text;
using Esp32At.Benchmarks.Scenarios;

namespace Esp32At.Benchmarks.Report;

/// <summary>The run's results as markdown tables (the generated part of docs/performance.md).</summary>
public static class MarkdownTables
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static string Render(RunReport r)
    {
        var sb = new StringBuilder();
        sb.AppendLine($"Run: {r.Machine}; {r.Elapsed.TotalSeconds.ToString("F0", Inv)} s in all; emulator network path: {r.Network}.");
        sb.AppendLine();

        sb.AppendLine("### TCP goodput / line rate");
        sb.AppendLine();
        sb.AppendLine("| Firmware | Baud | Case | Bytes | Time (s) | Goodput / line rate | Round trips | Wire bytes host→ESP | Wire bytes ESP→host | Ring high-water (B) | Allocated (B/op) |");
        sb.AppendLine("|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var t in r.Throughput)
            sb.AppendLine($"| {t.Profile} | {t.Baud} | {t.Case} | {Size.Text(t.Bytes)} | {F(t.Seconds, 2)} | **{P(t.Ratio)}** | {t.RoundTrips} | {t.WireBytesOut} | {t.WireBytesIn} | {t.RingHighWater} | {F(t.BytesPerOp, 1)} |");
        sb.AppendLine();

        if (r.Passthrough.Count > 0) sb.Append(PassthroughTable(r.Passthrough));

        sb.AppendLine("### UDP datagrams sent per second");
        sb.AppendLine();
        sb.AppendLine("| Firmware | Baud | Size (B) | Datagrams/s | Payload limit (/s) | / payload limit | Protocol limit (/s) | / protocol limit | Wire bytes per datagram (out + in) | Ring high-water (B) | Allocated (B/op) |");
        sb.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var u in r.Udp)
            sb.AppendLine($"| {u.Profile} | {u.Baud} | {u.Size} | {F(u.PerSecond, 0)} | {F(u.PayloadLimit, 0)} | **{P(u.PayloadRatio)}** | {F(u.ProtocolLimit, 0)} | **{P(u.ProtocolRatio)}** | {F(u.BytesOutPerDatagram, 0)} + {F(u.BytesInPerDatagram, 0)} | {u.RingHighWater} | {F(u.BytesPerOp, 1)} |");
        sb.AppendLine();

        if (r.UdpReceive.Count > 0)
        {
            sb.AppendLine("### UDP datagrams received per second (offered at 1.25× the line)");
            sb.AppendLine();
            sb.AppendLine("| Firmware | Baud | Size (B) | Datagrams/s | Payload limit (/s) | / payload limit | Frame limit (/s) | / frame limit | Round trips per datagram | Wire bytes per datagram (out + in) | Ring high-water (B) | Allocated (B/op) |");
            sb.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
            foreach (var u in r.UdpReceive)
                sb.AppendLine($"| {u.Profile} | {u.Baud} | {u.Size} | {F(u.PerSecond, 0)} | {F(u.PayloadLimit, 0)} | **{P(u.PayloadRatio)}** | {F(u.FrameLimit, 0)} | **{P(u.FrameRatio)}** | {F(u.RoundTripsPerDatagram, 2)} | {F(u.BytesOutPerDatagram, 0)} + {F(u.BytesInPerDatagram, 0)} | {u.RingHighWater} | {F(u.BytesPerOp, 1)} |");
            sb.AppendLine();
        }

        sb.AppendLine("### HTTP GET of a 1 kB body (plain TCP)");
        sb.AppendLine();
        sb.AppendLine("| Firmware | Baud | Round trips per request | Wire bytes host→ESP | Wire bytes ESP→host | Median time (ms) | Line-limited minimum (ms) | Time / minimum | Ring high-water (B) | Allocated (B/request) |");
        sb.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var h in r.Http)
            sb.AppendLine($"| {h.Profile} | {h.Baud} | **{Range(h.MinRoundTrips, h.MaxRoundTrips)}** | {F(h.BytesOut, 0)} | {F(h.BytesIn, 0)} | {F(h.MedianSeconds * 1000, 1)} | {F(h.MinimumSeconds * 1000, 1)} | {F(h.TimeOverMinimum, 2)}× | {h.RingHighWater} | {F(h.BytesPerRequest, 0)} |");
        sb.AppendLine();

        if (r.Pages.Count > 0)
        {
            sb.AppendLine("### The seed's page: 9 requests, 137.76 kB (seed: 7.08 s at 1.5 Mbaud)");
            sb.AppendLine();
            sb.AppendLine("| Firmware | Baud | Mode | Time (s) | Line-limited minimum (s) | Minimum / time | Ring high-water (B) |");
            sb.AppendLine("|---|---:|---|---:|---:|---:|---:|");
            foreach (var p in r.Pages)
                sb.AppendLine($"| {p.Profile} | {p.Baud} | {p.Mode} | {F(p.Seconds, 2)} | {F(p.MinimumSeconds, 2)} | **{P(p.Ratio)}** | {p.RingHighWater} |");
            sb.AppendLine();
        }

        sb.AppendLine("### HTTPS GET of a 1 kB body, split as the seed published it");
        sb.AppendLine();
        sb.AppendLine("| Firmware | Baud | Connect + handshake (ms) | Send (ms) | Receive (ms) | Receive minimum (ms) | Round trips | Ring high-water (B) |");
        sb.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var s in r.Https)
            sb.AppendLine($"| {s.Profile} | {s.Baud} | {F(s.ConnectSeconds * 1000, 0)} | {F(s.SendSeconds * 1000, 1)} | {F(s.ReceiveSeconds * 1000, 1)} | {F(s.ReceiveMinimumSeconds * 1000, 1)} | {s.RoundTrips} | {s.RingHighWater} |");
        sb.AppendLine();

        sb.AppendLine("### Bytes allocated per steady-state operation (caller's thread)");
        sb.AppendLine();
        sb.AppendLine("| Firmware | Baud | Operations | Library, send (B/op) | Library, receive (B/op) | Emulator port, send (B/op) | Emulator port, receive (B/op) | Ring high-water (B) |");
        sb.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var a in r.Allocations)
            sb.AppendLine($"| {a.Profile} | {a.Baud} | {a.Operations} | **{F(a.SendBytesPerOp, 1)}** | **{F(a.ReceiveBytesPerOp, 1)}** | {F(a.SendTransportBytesPerOp, 1)} | {F(a.ReceiveTransportBytesPerOp, 1)} | {a.RingHighWater} |");
        return sb.ToString();
    }

    /// <summary>The passthrough rows, with the TCP table's columns (no command per transfer: host writes, not round trips).</summary>
    public static string PassthroughTable(IEnumerable<ThroughputResult> rows)
    {
        var sb = new StringBuilder();
        sb.AppendLine("### Passthrough (CIPMODE=1) goodput / line rate");
        sb.AppendLine();
        sb.AppendLine("| Firmware | Baud | Case | Bytes | Time (s) | Goodput / line rate | Host writes | Wire bytes host→ESP | Wire bytes ESP→host | Ring high-water (B) | Allocated (B/op) |");
        sb.AppendLine("|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var t in rows)
            sb.AppendLine($"| {t.Profile} | {t.Baud} | {t.Case} | {Size.Text(t.Bytes)} | {F(t.Seconds, 2)} | **{P(t.Ratio)}** | {t.RoundTrips} | {t.WireBytesOut} | {t.WireBytesIn} | {t.RingHighWater} | {F(t.BytesPerOp, 1)} |");
        sb.AppendLine();
        return sb.ToString();
    }

    private static string F(double v, int digits) => v.ToString("F" + digits, Inv);
    private static string P(double v) => (v * 100).ToString("F1", Inv) + " %";
    private static string Range(long a, long b) => a == b ? a.ToString(Inv) : $"{a}-{b}";
}
