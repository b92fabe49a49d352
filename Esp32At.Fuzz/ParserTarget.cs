using Esp32At.Engine;

namespace Esp32At.Fuzz;

/// <summary>
/// The fuzz target: feeds bytes to the AT parser (whole, then split at a point taken from the input) and checks what a
/// caller relies on. A broken invariant throws <see cref="InvariantException"/>, which the fuzzer reports as a crash.
/// </summary>
public static class ParserTarget
{
    private const int MaxLine = 128;

    public static void Run(ReadOnlySpan<byte> input)
    {
        var bytes = input.ToArray();
        var whole = Parse(bytes, bytes.Length);
        int split = bytes.Length == 0 ? 1 : 1 + bytes[0] % 13;
        var pieces = Parse(bytes, split);
        if (whole != pieces) throw new InvariantException("events depend on how the stream is split (" + split + ")");
    }

    private static string Parse(byte[] bytes, int pieceSize)
    {
        var sink = new CheckingSink();
        var parser = new AtParser(sink, MaxLine);
        for (int at = 0; at < bytes.Length; at += pieceSize) parser.Process(bytes, at, Math.Min(pieceSize, bytes.Length - at));
        return sink.Events.ToString();
    }

    private sealed class CheckingSink : IAtStreamSink
    {
        public int MaxDataLength(AtDataKind kind) => int.MaxValue; // frames of any length, as the parser saw them before its cap
        private int remaining;
        public System.Text.StringBuilder Events { get; } = new();
        public bool ExpectsPrompt => true;
        public bool RemoteInfoInReceive => true;
        public bool InPassthrough => false;

        public void OnLine(byte[] line, int length)
        {
            if (length < 1 || length > MaxLine) throw new InvariantException("line of " + length + " bytes");
            if (remaining > 0) throw new InvariantException("a line inside a payload");
            Events.Append('L').Append(System.Text.Encoding.Latin1.GetString(line, 0, length)).Append('\n');
        }

        public void OnPrompt() => Events.Append("P\n");
        public void OnNoise(int bytes) { if (bytes < 0) throw new InvariantException("negative noise"); }

        public void OnDataStart(AtDataKind kind, byte[] header, int headerLength, int length)
        {
            if (length < 0) throw new InvariantException("negative payload length");
            if (remaining > 0) throw new InvariantException("a frame inside a frame");
            remaining = length;
            Events.Append('S').Append(kind).Append(length).Append('\n').Append('D');
            if (length == 0) Events.Append('\n');
        }

        public void OnData(AtDataKind kind, byte[] buffer, int offset, int count)
        {
            if (count <= 0 || count > remaining) throw new InvariantException("payload piece of " + count + " with " + remaining + " announced");
            remaining -= count;
            Events.Append(System.Text.Encoding.Latin1.GetString(buffer, offset, count));
            if (remaining == 0) Events.Append('\n');
        }
    }
}

/// <summary>A property of the parser did not hold for an input.</summary>
public sealed class InvariantException(string message) : Exception(message);
