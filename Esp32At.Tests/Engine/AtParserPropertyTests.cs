using System.Text;
using CsCheck;
using Esp32At.Engine;

namespace Esp32At.Tests.Engine;

/// <summary>The parser reports the same events however the byte stream is split, and survives any input.</summary>
public class AtParserPropertyTests
{
    private const string Stream =
        "\r\nready\r\nAT+CIPSTATE?\r\n+CIPSTATE:0,\"TCP\",\"10.0.0.1\",80,4000,0\r\n1,CONNECT\r\n\r\n+IPD,1,10:\r\nOK\r\n\r\n>\u00ff\r\n" +
        "\r\nOK\r\n\r\n>+CIPRECVDATA:6,\"10.0.0.2\",53,ab\r\ncd\r\nOK\r\n\r\n+IPD,1,4\r\nWIFI DISCONNECT\r\n\r\nSEND OK\r\n";

    [Fact]
    public void AnySplitOfTheStreamGivesTheSameEvents()
    {
        var bytes = Encoding.Latin1.GetBytes(Stream);
        var whole = Parse(bytes, [bytes.Length]);
        Assert.Contains("line:+CIPSTATE:0,\"TCP\",\"10.0.0.1\",80,4000,0", whole);
        Assert.Contains("data:ActiveIpd:\r\nOK\r\n\r\n>\u00ff", whole);
        Assert.Contains("data:ReceiveData:ab\r\ncd", whole);
        Assert.Contains("prompt", whole);
        Gen.Int[1, 20].Array[1, 40].Sample(splits => Assert.Equal(whole, Parse(bytes, splits)), iter: 500);
    }

    [Fact]
    public void RandomBytesNeverThrowAndNeverReportOverLongLines()
    {
        Gen.Byte.Array[0, 3000].Sample(bytes =>
        {
            var sink = new RecordingSink();
            var parser = new AtParser(sink, 128);
            parser.Process(bytes, 0, bytes.Length);
            Assert.All(sink.Events.Where(e => e.StartsWith("line:")), e => Assert.True(e.Length - 5 <= 128));
        }, iter: 300);
    }

    private static List<string> Parse(byte[] bytes, int[] splits)
    {
        var sink = new RecordingSink();
        var parser = new AtParser(sink, 256);
        int at = 0, k = 0;
        while (at < bytes.Length)
        {
            int n = Math.Min(splits[k++ % splits.Length], bytes.Length - at);
            parser.Process(bytes, at, n);
            at += n;
        }
        return sink.Flush();
    }

    private sealed class RecordingSink : IAtStreamSink
    {
        public int MaxDataLength(AtDataKind kind) => int.MaxValue; // frames of any length, as the parser saw them before its cap
        private readonly StringBuilder data = new();
        private AtDataKind kind;
        private int remaining;
        public List<string> Events { get; } = [];
        public bool ExpectsPrompt => true;
        public bool RemoteInfoInReceive => true;
        public bool InPassthrough => false;
        public void OnLine(byte[] line, int length) => Events.Add("line:" + Encoding.Latin1.GetString(line, 0, length));
        public void OnPrompt() => Events.Add("prompt");
        public void OnNoise(int bytes) { }
        public void OnDataStart(AtDataKind k, byte[] header, int headerLength, int length)
        {
            kind = k;
            remaining = length;
            Events.Add("start:" + Encoding.Latin1.GetString(header, 0, headerLength));
            if (length == 0) Events.Add("data:" + k + ":");
        }
        public void OnData(AtDataKind k, byte[] buffer, int offset, int count)
        {
            data.Append(Encoding.Latin1.GetString(buffer, offset, count));
            remaining -= count;
            if (remaining == 0) { Events.Add("data:" + kind + ":" + data); data.Clear(); }
        }
        public List<string> Flush() => Events;
    }
}
