using Esp32At.Engine;

namespace Esp32At.Tests.Reliability;

/// <summary>Keeps every trace event (thread-safe) so a test can scan the whole session afterwards.</summary>
public sealed class TraceRecorder : IAtTraceSink
{
    private readonly List<string> lines = [];

    /// <summary>Keep only the last this many events (a soak run would otherwise measure the recorder's own growth).</summary>
    public int MaxLines { get; set; } = int.MaxValue;

    public void Trace(string direction, string text)
    {
        lock (lines)
        {
            if (lines.Count >= MaxLines) lines.RemoveRange(0, lines.Count - MaxLines + 1);
            lines.Add(direction + " " + text);
        }
    }

    public string[] Lines
    {
        get { lock (lines) return [.. lines]; }
    }

    /// <summary>Every event, one per line.</summary>
    public string All => string.Join("\n", Lines);
}
