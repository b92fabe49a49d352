using Esp32At.Benchmarks.Scenarios;
using ScottPlot;

namespace Esp32At.Benchmarks.Report;

/// <summary>Goodput / line rate against baud for each receive and send case and firmware profile (a PNG).</summary>
public static class GoodputPlot
{
    public static void Save(IReadOnlyList<ThroughputResult> results, string path)
    {
        var plot = new Plot();
        var bauds = results.Select(r => r.Baud).Distinct().OrderBy(b => b).ToArray();
        var markers = new[] { MarkerShape.FilledCircle, MarkerShape.FilledSquare, MarkerShape.FilledTriangleUp, MarkerShape.FilledDiamond };
        int series = 0;
        foreach (var group in results.GroupBy(r => (r.Profile, r.Case)))
        {
            var points = group.OrderBy(r => r.Baud).ToArray();
            var xs = points.Select(p => (double)Array.IndexOf(bauds, p.Baud)).ToArray();
            var ys = points.Select(p => p.Ratio * 100).ToArray();
            var line = plot.Add.Scatter(xs, ys);
            line.LegendText = $"{group.Key.Profile}: {group.Key.Case}";
            line.MarkerShape = markers[series % markers.Length];
            line.MarkerSize = 8;
            line.LinePattern = group.Key.Profile.StartsWith("v2", StringComparison.Ordinal) ? LinePattern.Dashed : LinePattern.Solid;
            series++;
        }
        var target = plot.Add.HorizontalLine(90);
        target.LegendText = "receive target (90 %)";
        target.LinePattern = LinePattern.Dotted;
        var sendTarget = plot.Add.HorizontalLine(85);
        sendTarget.LegendText = "send target (85 %)";
        sendTarget.LinePattern = LinePattern.Dotted;
        plot.Axes.Bottom.SetTicks(Enumerable.Range(0, bauds.Length).Select(i => (double)i).ToArray(),
            bauds.Select(b => b.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)).ToArray());
        plot.Axes.SetLimits(-0.3, bauds.Length - 0.7, 0, 105);
        plot.Title("Esp32At over the emulated UART: goodput / line rate (baud / 10 B/s)");
        plot.XLabel("baud");
        plot.YLabel("goodput / line rate (%)");
        plot.ShowLegend(Alignment.LowerLeft);
        plot.SavePng(path, 1000, 620);
    }
}
