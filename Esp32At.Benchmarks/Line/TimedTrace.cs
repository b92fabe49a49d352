using System.Diagnostics;
using Esp32At.Engine;

namespace Esp32At.Benchmarks.Line;

/// <summary>An AT trace with a millisecond clock, for finding where an exchange spends its time (<c>--trace</c>).</summary>
public sealed class TimedTrace(TextWriter output) : IAtTraceSink
{
    private readonly Stopwatch clock = Stopwatch.StartNew();

    public void Trace(string direction, string text)
    {
        lock (output) output.WriteLine($"{clock.Elapsed.TotalMilliseconds,9:F2} [{Environment.CurrentManagedThreadId,2}] {direction} {text.ReplaceLineEndings("\\n")}");
    }
}
