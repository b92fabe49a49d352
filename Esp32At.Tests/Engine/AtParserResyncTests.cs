using System.Text;
using Esp32At.Engine;

namespace Esp32At.Tests.Engine;

/// <summary>
/// <see cref="AtParser.Resync"/>, called when the transport reported lost bytes: the parser drops what it cannot trust
/// up to the next line start and never takes payload bytes for lines.
/// </summary>
public class AtParserResyncTests
{
    private sealed class Sink : IAtStreamSink
    {
        private readonly StringBuilder data = new();
        public List<string> Events { get; } = [];
        public int Noise;
        public int MaxDataLength(AtDataKind kind) => 2920;
        public bool ExpectsPrompt => false;
        public bool RemoteInfoInReceive => true;
        public bool InPassthrough => false;
        public void OnLine(byte[] line, int length) => Events.Add("line:" + Encoding.Latin1.GetString(line, 0, length));
        public void OnPrompt() => Events.Add("prompt");
        public void OnNoise(int bytes) => Noise += bytes;
        public void OnDataStart(AtDataKind k, byte[] header, int headerLength, int length) => Events.Add("start:" + Encoding.Latin1.GetString(header, 0, headerLength));
        public void OnData(AtDataKind k, byte[] buffer, int offset, int count)
        {
            Events.Add("data:" + Encoding.Latin1.GetString(buffer, offset, count));
        }
    }

    private static void Feed(AtParser parser, string text)
    {
        var bytes = Encoding.Latin1.GetBytes(text);
        parser.Process(bytes, 0, bytes.Length);
    }

    [Fact]
    public void ThePartialLineAndTheLineAfterTheHoleAreDroppedThenLinesParseAgain()
    {
        var sink = new Sink();
        var parser = new AtParser(sink, 256);
        Feed(parser, "\r\n+CIPRECVLEN:12,0,");
        parser.Resync(); // "0,0,0\r\nOK\r\n" lost in part: what follows may begin anywhere
        Feed(parser, "K\r\nOK\r\n0,CLOSED\r\n");

        Assert.Equal(["line:OK", "line:0,CLOSED"], sink.Events);
        Assert.Equal("+CIPRECVLEN:12,0,".Length + "K\r\n".Length, sink.Noise);
    }

    [Fact]
    public void AHoleRightBeforeABlankLineCostsNothingButThatLineEnd()
    {
        var sink = new Sink();
        var parser = new AtParser(sink, 256);
        parser.Resync();
        Feed(parser, "\r\nOK\r\n");
        Assert.Equal(["line:OK"], sink.Events);
    }

    [Fact]
    public void APayloadInProgressKeepsItsLengthSoItsBytesAreNeverLines()
    {
        var sink = new Sink();
        var parser = new AtParser(sink, 256);
        Feed(parser, "+CIPRECVDATA:20,\"1.2.3.4\",80,abcd");
        parser.Resync(); // 4 payload bytes lost: the 16 counted next are the other 12 and 4 bytes of what follows
        Feed(parser, "efghijklmnop\r\nOK\r\n+IPD,0,5\r\n");

        // The count ran into "\r\nOK"; the rest of that line ("\r\n") is dropped; the notice after it is a line again.
        Assert.Equal(["start:+CIPRECVDATA:20,\"1.2.3.4\",80,", "data:abcd", "data:efghijklmnop\r\nOK", "line:+IPD,0,5"], sink.Events);
    }

    [Fact]
    public void AFrameHeaderRightAfterTheHoleStillOpensItsPayload()
    {
        var sink = new Sink();
        var parser = new AtParser(sink, 256);
        parser.Resync();
        Feed(parser, "+IPD,0,8:\r\nOK\r\nab\r\n0,CLOSED\r\n");

        Assert.Equal(["start:+IPD,0,8:", "data:\r\nOK\r\nab", "line:0,CLOSED"], sink.Events);
    }

    [Fact]
    public void WithoutAResyncTheGluedLineWouldBeDelivered()
    {
        // The control: the same bytes without Resync glue the partial line to the rest (what Resync prevents).
        var sink = new Sink();
        var parser = new AtParser(sink, 256);
        Feed(parser, "\r\n+CIPRECVLEN:12,0,");
        Feed(parser, "K\r\nOK\r\n");
        Assert.Equal(["line:+CIPRECVLEN:12,0,K", "line:OK"], sink.Events);
    }
}
