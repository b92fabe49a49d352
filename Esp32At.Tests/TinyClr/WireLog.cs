using System.Text;
using Esp32At.Emulator.Transports;

namespace Esp32At.Tests.TinyClr;

/// <summary>What the host wrote to the emulated ESP's UART, one write per entry, escaped as <see cref="ByteLog"/> does.</summary>
public sealed class WireLog : IDisposable
{
    private readonly StringWriter text = new();
    private readonly InProcessPort port;

    public WireLog(InProcessPort port)
    {
        this.port = port;
        port.Log = new ByteLog(text);
    }

    /// <summary>Host → ESP writes that start with one of <paramref name="prefixes"/> (e.g. "AT+CIPSTART").</summary>
    public string[] Sent(params string[] prefixes)
    {
        string all;
        lock (text) all = text.ToString();
        return all.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l[(l.IndexOf(' ') + 1)..])
            .Where(l => l.StartsWith("H> ", StringComparison.Ordinal))
            .Select(l => l[3..])
            .Where(l => prefixes.Length == 0 || prefixes.Any(p => l.StartsWith(p, StringComparison.Ordinal)))
            .ToArray();
    }

    public string[] All()
    {
        lock (text) return text.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
    }

    public void Dispose() => port.Log = null;
}
