using System.Text;
using CsCheck;
using Esp32At.Engine;

namespace Esp32At.Tests.Reliability;

/// <summary>
/// Property tests of the byte-level parser over random and mutated ESP output: it never throws, never reports a line
/// longer than its limit or a payload longer than announced, and reports the same events however the bytes are split.
/// Iterations are bounded for CI; <c>ESP32AT_FUZZ_ITER</c> raises them for a long run.
/// </summary>
public sealed class ParserFuzzTests
{
    internal static int Iterations(int ci) =>
        int.TryParse(Environment.GetEnvironmentVariable("ESP32AT_FUZZ_ITER"), out int n) && n > 0 ? n : ci;

    [Fact]
    public void MutatedStreams_NeverThrow_AndRespectLineAndFrameLimits()
    {
        FuzzStreams.Stream.Sample(bytes =>
        {
            var sink = new CheckingSink();
            new AtParser(sink, 64).Process(bytes, 0, bytes.Length);
            Assert.All(sink.Lines, l => Assert.InRange(l.Length, 1, 64));
            Assert.True(sink.FrameOverrun == 0, "more payload bytes than announced");
        }, iter: Iterations(2000));
    }

    [Fact]
    public void RandomBytes_GiveTheSameEventsHoweverSplit()
    {
        Gen.Select(Gen.OneOf(FuzzStreams.Stream, FuzzStreams.Random), Gen.Int[1, 17].Array[1, 8]).Sample((bytes, splits) =>
        {
            var whole = Events(bytes, [bytes.Length]);
            Assert.Equal(whole, Events(bytes, splits));
        }, iter: Iterations(1000));
    }

    private static List<string> Events(byte[] bytes, int[] splits)
    {
        var sink = new CheckingSink();
        var parser = new AtParser(sink, 128);
        int at = 0, k = 0;
        while (at < bytes.Length)
        {
            int n = Math.Min(splits[k++ % splits.Length], bytes.Length - at);
            parser.Process(bytes, at, n);
            at += n;
        }
        sink.EndFrame();
        return sink.Events;
    }

    /// <summary>Records events, joining payload pieces per frame, and counts payload beyond the announced length.</summary>
    private sealed class CheckingSink : IAtStreamSink
    {
        public int MaxDataLength(AtDataKind kind) => int.MaxValue; // frames of any length, as the parser saw them before its cap
        private readonly StringBuilder data = new();
        private int remaining;
        public List<string> Events { get; } = [];
        public List<string> Lines { get; } = [];
        public int FrameOverrun;
        public bool ExpectsPrompt => true;
        public bool RemoteInfoInReceive => true;
        public bool InPassthrough => false;

        public void OnLine(byte[] line, int length)
        {
            var text = Encoding.Latin1.GetString(line, 0, length);
            Lines.Add(text);
            Events.Add("line:" + text);
        }

        public void OnPrompt() => Events.Add("prompt");
        public void OnNoise(int bytes) { }

        public void OnDataStart(AtDataKind kind, byte[] header, int headerLength, int length)
        {
            EndFrame();
            remaining = length;
            Events.Add("start:" + kind + ":" + length + ":" + Encoding.Latin1.GetString(header, 0, headerLength));
        }

        public void OnData(AtDataKind kind, byte[] buffer, int offset, int count)
        {
            if (count > remaining) FrameOverrun += count - remaining;
            remaining -= count;
            data.Append(Encoding.Latin1.GetString(buffer, offset, count));
            if (remaining <= 0) EndFrame();
        }

        public void EndFrame()
        {
            if (data.Length == 0) return;
            Events.Add("data:" + data);
            data.Clear();
        }
    }
}
