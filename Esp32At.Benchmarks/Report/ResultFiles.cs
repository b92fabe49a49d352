namespace Esp32At.Benchmarks.Report;

/// <summary>Writes a run's outputs: the tables, the plot, and the generated part of the performance document.</summary>
public static class ResultFiles
{
    public const string TablesFile = "performance-results.md";
    public const string PlotFile = "performance-goodput.png";

    public static void Write(RunReport report, string tables, RunSettings settings)
    {
        if (settings.OutputDirectory is { } dir)
        {
            Directory.CreateDirectory(dir);
            File.WriteAllText(Path.Combine(dir, TablesFile), "# Benchmark results (generated)\n\n" + tables);
            GoodputPlot.Save(report.Throughput, Path.Combine(dir, PlotFile));
            Console.WriteLine($"wrote {Path.Combine(dir, TablesFile)} and {Path.Combine(dir, PlotFile)}");
        }
        if (settings.DocumentToUpdate is { } doc && File.Exists(doc))
        {
            ResultDocument.Update(doc, tables);
            Console.WriteLine($"updated {doc}");
        }
    }
}
