using Esp32At.Demos.HttpServer;

namespace Esp32At.Tests.Demos;

/// <summary>What the server demo printed; the URL it announced and the answers it logged.</summary>
internal sealed class ServerLog : IServerLog
{
    private readonly List<string> lines = [];
    public ManualResetEventSlim UrlKnown { get; } = new();
    public string? Url { get; private set; }
    public List<string> Lines { get { lock (lines) return lines.ToList(); } }
    public string Text => string.Join("\n", Lines);

    /// <summary>
    /// Waits until the server logged <paramref name="count"/> answers. It logs after closing the link, so the next
    /// client cannot meet a link id still being closed (the emulator can hand a closing id to a new client).
    /// </summary>
    public void WaitForAnswers(int count) => WaitFor(l => l.Count(x => x.Contains(" -> ")) >= count);

    /// <summary>Waits until a logged line matches <paramref name="match"/> (lines printed after the URL come later).</summary>
    public void WaitForLine(Func<string, bool> match) => WaitFor(l => l.Any(match));

    private void WaitFor(Func<List<string>, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        lock (lines)
            while (!done(lines))
                Assert.True(Monitor.Wait(lines, deadline - DateTime.UtcNow > TimeSpan.Zero ? deadline - DateTime.UtcNow : TimeSpan.Zero) || DateTime.UtcNow < deadline, Text);
    }

    public void Line(string text)
    {
        lock (lines)
        {
            lines.Add(text);
            Monitor.PulseAll(lines);
        }
        if (text.StartsWith(HttpServerDemo.UrlPrefix))
        {
            Url = text.Substring(HttpServerDemo.UrlPrefix.Length).Split(' ')[0];
            UrlKnown.Set();
        }
    }
}
