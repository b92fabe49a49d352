using Esp32At.Engine;

namespace Esp32At.Tests.Reliability;

/// <summary>Keeps every trace event (thread-safe) so a test can scan the whole session afterwards.</summary>
public sealed class TraceRecorder : IAtTraceSink
{
    private readonly List<string> lines = [];

    public void Trace(string direction, string text)
    {
        lock (lines) lines.Add(direction + " " + text);
    }

    public string[] Lines
    {
        get { lock (lines) return [.. lines]; }
    }

    /// <summary>Every event, one per line.</summary>
    public string All => string.Join("\n", Lines);
}
