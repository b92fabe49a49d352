using System.Net.Sockets;
using System.Text;
using Esp32At.Emulator.Profiles;
using Esp32At.Tests.Emulator;

namespace Esp32At.Tests.EmulatorNet;

/// <summary>CIPSENDL with its progress lines and cancel, CIPSENDLCFG, and CIPSENDEX's <c>\0</c> terminator (spec §2.3).</summary>
public class CipSendLBytesTests
{
    /// <summary>A peer that collects everything it receives.</summary>
    private sealed class Sink : IDisposable
    {
        private readonly MemoryStream received = new();
        private readonly LoopbackServer server;

        public Sink() => server = new LoopbackServer(s =>
        {
            var b = new byte[8192];
            int n;
            while ((n = s.Read(b, 0, b.Length)) > 0) lock (received) received.Write(b, 0, n);
        });

        public int Port => server.Port;
        public byte[] Received { get { lock (received) return received.ToArray(); } }
        public void Dispose() => server.Dispose();
    }

    private static byte[] Pattern(int n) => Enumerable.Range(0, n).Select(i => (byte)('a' + i % 26)).ToArray();

    [Fact]
    public void LongDataGoesOutWhileItArrivesWithProgressEveryReportSize()
    {
        using var sink = new Sink();
        using var port = NetPorts.Joined();
        port.Command($"AT+CIPSTART=0,\"TCP\",\"127.0.0.1\",{sink.Port}");
        Assert.Equal("+CIPSENDLCFG:1024,2920\r\n\r\nOK\r\n", port.Command("AT+CIPSENDLCFG?"));
        Assert.Equal("\r\nOK\r\n\r\n>", port.Command("AT+CIPSENDL=0,5000", ">"));
        var data = Pattern(5000);
        port.SendBytes(data[..1000]);   // below the first report
        port.SendBytes(data[1000..3000]); // passes 1024 and 2048: one line per transmit piece that passes a multiple
        Assert.Equal("+CIPSENDL:3000,3000\r\n", port.ReadUntil("\r\n"));
        port.SendBytes(data[3000..]);   // pieces of 2920: 3000+2000 passes 3072 and 4096
        Assert.Equal("+CIPSENDL:5000,5000\r\n\r\nSEND OK\r\n", port.ReadUntil("SEND OK\r\n"));
        NetPorts.Eventually(() => sink.Received.Length == 5000, "all bytes at the peer");
        Assert.Equal(data, sink.Received);
    }

    [Fact]
    public void TheConfiguredSizesApplyAndAnEndOffAMultipleReportsOnceMore()
    {
        using var sink = new Sink();
        using var port = NetPorts.Joined();
        port.Command($"AT+CIPSTART=0,\"TCP\",\"127.0.0.1\",{sink.Port}");
        Assert.Equal("\r\nOK\r\n", port.Command("AT+CIPSENDLCFG=100,100"));
        Assert.Equal("+CIPSENDLCFG:100,100\r\n\r\nOK\r\n", port.Command("AT+CIPSENDLCFG?"));
        port.Command("AT+CIPSENDL=0,250", ">");
        port.SendBytes(Pattern(250));
        Assert.Equal("+CIPSENDL:100,250\r\n+CIPSENDL:200,250\r\n+CIPSENDL:250,250\r\n\r\nSEND OK\r\n", port.ReadUntil("SEND OK\r\n"));
        Assert.Equal("\r\nERROR\r\n", port.Command("AT+CIPSENDLCFG=99", "\r\nERROR\r\n"));
        Assert.Equal("\r\nERROR\r\n", port.Command("AT+CIPSENDLCFG=100,2921", "\r\nERROR\r\n"));
    }

    [Fact]
    public void PlusPlusPlusCancelsWithSendCancelled()
    {
        using var sink = new Sink();
        using var port = NetPorts.Joined();
        port.Command($"AT+CIPSTART=0,\"TCP\",\"127.0.0.1\",{sink.Port}");
        port.Command("AT+CIPSENDL=0,100", ">");
        port.Send("abc");
        NetPorts.Eventually(() => sink.Received.Length == 3, "the first bytes sent before the end of input");
        port.Send("+++");
        Assert.Equal("+CIPSENDL:3,3\r\n\r\nSEND CANCELLED\r\n", port.ReadUntil("CANCELLED\r\n"));
        Assert.Equal("\r\nOK\r\n", port.Command("AT"));
    }

    [Fact]
    public void CipSendLIsMissingOnV22()
    {
        using var sink = new Sink();
        using var port = NetPorts.Joined(FirmwareProfile.V2_2_C3);
        port.Command($"AT+CIPSTART=0,\"TCP\",\"127.0.0.1\",{sink.Port}");
        Assert.Equal("\r\nERROR\r\n", port.Command("AT+CIPSENDL=0,10", "\r\nERROR\r\n"));
        Assert.Equal("\r\nERROR\r\n", port.Command("AT+CIPSENDLCFG?", "\r\nERROR\r\n"));
    }

    [Theory]
    [InlineData("hello\\0", "hello")]          // \0 ends the data early
    [InlineData("a\\\\b\\0", "a\\b")]          // \\ is one backslash
    [InlineData("a\\\\0\\0", "a\\0")]          // a literal backslash-zero is sent as \\0
    public void CipSendExEndsAtBackslashZeroAndResolvesEscapes(string typed, string sent)
    {
        using var sink = new Sink();
        using var port = NetPorts.Joined();
        port.Command($"AT+CIPSTART=0,\"TCP\",\"127.0.0.1\",{sink.Port}");
        Assert.Equal("\r\nOK\r\n\r\n>", port.Command("AT+CIPSENDEX=0,100", ">"));
        port.Send(typed);
        Assert.Equal($"\r\nRecv {sent.Length} bytes\r\n\r\nSEND OK\r\n", port.ReadUntil("SEND OK\r\n"));
        NetPorts.Eventually(() => sink.Received.Length == sent.Length, "the data at the peer");
        Assert.Equal(sent, Encoding.ASCII.GetString(sink.Received));
    }

    [Fact]
    public void CipSendExEndsAtTheLengthWithoutATerminatorAndExcessIsBusy()
    {
        using var sink = new Sink();
        using var port = NetPorts.Joined();
        port.Command($"AT+CIPSTART=0,\"TCP\",\"127.0.0.1\",{sink.Port}");
        port.Command("AT+CIPSENDEX=0,4", ">");
        port.Send("abcdef");
        var answer = port.ReadUntil("SEND OK\r\n");
        Assert.Equal("\r\nbusy p...\r\n\r\nRecv 4 bytes\r\n\r\nSEND OK\r\n", answer);
        NetPorts.Eventually(() => sink.Received.Length == 4, "the data at the peer");
        Assert.Equal("abcd"u8.ToArray(), sink.Received);
    }
}
