using Esp32At.Demos.HttpClient;

namespace Esp32At.Tests.Demos;

/// <summary>Keeps what a demo printed.</summary>
public sealed class RecordingLog : IDemoLog
{
    private readonly List<string> lines = [];

    public IReadOnlyList<string> Lines { get { lock (lines) return lines.ToList(); } }

    public string Text => string.Join("\n", Lines);

    public void Line(string text) { lock (lines) lines.Add(text); }

    public void Progress(string text) { lock (lines) lines.Add("~" + text); }
}
