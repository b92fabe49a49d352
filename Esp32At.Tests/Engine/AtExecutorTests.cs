using System.Text;
using Esp32At.Engine;

namespace Esp32At.Tests.Engine;

public sealed class AtExecutorTests : IDisposable
{
    private readonly ScriptedEsp esp = new();
    private readonly AtExecutor executor;

    public AtExecutorTests()
    {
        executor = new AtExecutor(esp);
        executor.Start();
    }

    public void Dispose() => executor.Dispose();

    private static AtCommandBuffer Cmd(string text) => new AtCommandBuffer().Append(text).AppendLineEnd();

    [Fact]
    public void QueryWritesTheExactCommandAndParsesItsInformationLine()
    {
        esp.Responder = _ => "+CWMODE:1\r\n\r\nOK\r\n";
        var response = executor.Execute("AT+CWMODE?", 1000);
        Assert.Equal("AT+CWMODE?\r\n", esp.Written);
        Assert.Equal("1", response.Find("+CWMODE:"));
        Assert.Equal(1, response.LineCount);
    }

    [Fact]
    public void QueryWithoutTrailingLineEndBeforeOkIsParsed()
    {
        esp.Responder = _ => "+CIPDINFO:true\r\nOK\r\n";
        Assert.Equal("true", executor.Execute("AT+CIPDINFO?", 1000).Find("+CIPDINFO:"));
    }

    [Fact]
    public void ErrorBecomesAnExceptionNamingTheCommandAndCode()
    {
        esp.Responder = _ => "ERR CODE:0x01090000\r\n\r\nERROR\r\n";
        var e = Assert.Throws<AtCommandException>(() => executor.Execute("AT+FOO", 1000));
        Assert.Equal("AT+FOO", e.Command);
        Assert.Equal("ERR CODE:0x01090000", e.Code);
        Assert.Contains("AT+FOO", e.Message);
    }

    [Fact]
    public void JoinFailureCarriesTheCwjapCodeAndNeverThePassword()
    {
        esp.Responder = _ => "WIFI DISCONNECT\r\n+CWJAP:2\r\n\r\nERROR\r\n";
        var e = Assert.Throws<AtCommandException>(() => executor.Execute("AT+CWJAP=\"home\",\"s3cret-pw\"", 1000, resendOnBusy: false));
        Assert.Equal("+CWJAP:2", e.Code);
        Assert.DoesNotContain("s3cret-pw", e.Message);
        Assert.DoesNotContain("s3cret-pw", e.Command);
        Assert.Contains("\"home\"", e.Command);
    }

    [Fact]
    public void BusyCommandThatIsSafeToRepeatIsSentAgain()
    {
        int calls = 0;
        esp.Responder = _ => ++calls == 1 ? "\r\nbusy p...\r\n" : "\r\nOK\r\n";
        executor.Execute("AT+CIPSTATE?", 2000);
        Assert.Equal("AT+CIPSTATE?\r\nAT+CIPSTATE?\r\n", esp.Written);
    }

    [Fact]
    public void BusyCipstartIsNeverSentTwice()
    {
        esp.Responder = _ => "\r\nbusy p...\r\n";
        Assert.Throws<AtBusyException>(() => executor.Run(Cmd("AT+CIPSTART=0,\"TCP\",\"10.0.0.1\",80"), null!, 2000, resendOnBusy: false));
        Assert.Equal("AT+CIPSTART=0,\"TCP\",\"10.0.0.1\",80\r\n", esp.Written);
    }

    [Fact]
    public void SilentEspTimesOutAndTheNextCommandStillWorks()
    {
        esp.Responder = _ => null;
        var e = Assert.Throws<AtTimeoutException>(() => executor.Execute("AT", 150));
        Assert.Contains("150 ms", e.Message);
        esp.Responder = _ => "\r\nOK\r\n";
        executor.Execute("AT", 1000);
    }

    [Fact]
    public void UrcsInTheMiddleOfAReplyGoToTheirHandlersNotToTheResponse()
    {
        var urcs = new List<string>();
        void Record(byte[] line, int n) { lock (urcs) urcs.Add(Encoding.Latin1.GetString(line, 0, n)); }
        executor.Urcs.Register("#,CONNECT", Record);
        executor.Urcs.Register("#,CLOSED", Record);
        executor.Urcs.Register("WIFI ", Record);
        executor.Urcs.Register("+IPD,", Record);
        esp.Responder = _ => "+CIPSTATE:0,\"TCP\",\"10.0.0.1\",80,4000,0\r\n1,CONNECT\r\nWIFI GOT IP\r\n\r\n+IPD,2,10\r\n2,CLOSED\r\n\r\nOK\r\n";
        var response = executor.Execute("AT+CIPSTATE?", 1000);
        Assert.Equal(1, response.LineCount);
        Assert.Equal("0,\"TCP\",\"10.0.0.1\",80,4000,0", response.Find("+CIPSTATE:"));
        Assert.Equal(new[] { "1,CONNECT", "WIFI GOT IP", "+IPD,2,10", "2,CLOSED" }, urcs);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(64)]
    public void ActiveIpdPayloadIsFramedByLengthEvenWhenItContainsOk(int chunkSize)
    {
        esp.ChunkSize = chunkSize;
        var data = new MemoryStream();
        executor.ActiveData = (id, buf, off, n) => { Assert.Equal(3, id); data.Write(buf, off, n); };
        esp.Responder = _ => "\r\n+IPD,3,8:\r\nOK\r\nxy\r\n+CWMODE:1\r\n\r\nOK\r\n";
        var response = executor.Execute("AT+CWMODE?", 2000);
        Assert.Equal("1", response.Find("+CWMODE:"));
        Assert.Equal("\r\nOK\r\nxy", Encoding.Latin1.GetString(data.ToArray()));
    }

    [Theory]
    [InlineData(false, "+CIPRECVDATA:5,he,lo\r\nOK\r\n", 0u, 0)]
    [InlineData(true, "+CIPRECVDATA:5,\"192.168.1.9\",8080,he,lo\r\nOK\r\n", 0x0901A8C0u, 8080)]
    public void ReceivedDataGoesStraightIntoTheCallersBuffer(bool dinfo, string reply, uint address, int port)
    {
        executor.RemoteInfoInReceive = dinfo;
        esp.ChunkSize = 3;
        esp.Responder = _ => reply;
        var buffer = new byte[16];
        int n = executor.Receive(Cmd("AT+CIPRECVDATA=0,16"), buffer, 4, 12, 1000);
        Assert.Equal(5, n);
        Assert.Equal("he,lo", Encoding.Latin1.GetString(buffer, 4, 5));
        Assert.Equal(address, executor.LastRemoteAddress);
        Assert.Equal(port, executor.LastRemotePort);
        Assert.Equal("AT+CIPRECVDATA=0,16\r\n", esp.Written);
    }

    [Fact]
    public void AReceiveAnsweredErrorReturnsMinusOneAndOtherCommandsStillThrow()
    {
        esp.Responder = _ => "\r\nERROR\r\n";
        var buffer = new byte[16];
        var recv = Cmd("AT+CIPRECVDATA=0,16");
        Assert.Equal(-1, executor.Receive(recv, buffer, 0, buffer.Length, 1000));
        Assert.Equal(-1, executor.Receive(recv, buffer, 0, buffer.Length, 1000)); // and the executor is ready for more
        Assert.Equal("AT+CIPRECVDATA=0,16\r\nAT+CIPRECVDATA=0,16\r\n", esp.Written);
        Assert.Throws<AtCommandException>(() => executor.Execute("AT+CWMODE?", 1000));
    }

    [Fact]
    public void SendWaitsForThePromptThenWritesThePayload()
    {
        esp.Responder = w => w.StartsWith("AT+CIPSEND") ? "\r\nOK\r\n\r\n>" : w == "test" ? "\r\nRecv 4 bytes\r\n\r\nSEND OK\r\n" : null;
        var code = executor.Send(Cmd("AT+CIPSEND=0,4"), Encoding.ASCII.GetBytes("test"), 0, 4, 1000);
        Assert.Equal(AtResultCode.SendOk, code);
        Assert.Equal("AT+CIPSEND=0,4\r\ntest", esp.Written);
    }

    [Fact]
    public void SendFailIsReported()
    {
        esp.Responder = w => w.StartsWith("AT+") ? "\r\nOK\r\n\r\n>" : "\r\nRecv 2 bytes\r\n\r\nSEND FAIL\r\n";
        Assert.Equal(AtResultCode.SendFail, executor.Send(Cmd("AT+CIPSEND=1,2"), [1, 2], 0, 2, 1000));
    }

    [Fact]
    public void SendRefusedWithErrorNeverWritesThePayload()
    {
        esp.Responder = _ => "\r\nERROR\r\n";
        Assert.Throws<AtCommandException>(() => executor.Send(Cmd("AT+CIPSEND=4,3"), [1, 2, 3], 0, 3, 1000));
        Assert.Equal("AT+CIPSEND=4,3\r\n", esp.Written);
    }

    [Fact]
    public void UnsolicitedReadyFailsThePendingCommandAtOnceAndRaisesRebooted()
    {
        int rebooted = 0;
        executor.Rebooted += _ => Interlocked.Increment(ref rebooted);
        esp.Responder = _ => "\r\nready\r\n";
        var started = DateTime.UtcNow;
        Assert.Throws<AtRebootedException>(() => executor.Execute("AT+CIPSTATE?", 10_000));
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(5));
        Assert.Equal(1, rebooted);
    }

    [Fact]
    public void BootNoiseAndGarbageAreSkipped()
    {
        esp.Emit("ESP-ROM:esp32c3-api1-20210207\r\n\u00ff\u00fe\u0001garbage\r\n" + new string('x', 700) + "\r\n");
        esp.Responder = _ => "\r\nOK\r\n";
        executor.Execute("AT", 1000);
        Assert.True(executor.NoiseBytes > 700);
    }

    [Fact]
    public void EchoOfTheCommandIsNotTakenForAnInformationLine()
    {
        esp.Responder = w => w + "+GMR-LIKE\r\n\r\nOK\r\n";
        var response = executor.Execute("AT+X?", 1000);
        Assert.Equal(1, response.LineCount);
        Assert.Equal("+GMR-LIKE", response.GetLine(0));
    }

    [Fact]
    public void ConcurrentCallersNeverInterleaveOnTheWire()
    {
        esp.Responder = w => "\r\nOK\r\n";
        var threads = Enumerable.Range(0, 4).Select(t => new Thread(() =>
        {
            for (int i = 0; i < 25; i++) executor.Execute($"AT+T{t}N{i}", 5000);
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        var lines = esp.Written.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(100, lines.Length);
        Assert.All(lines, l => Assert.Matches(@"^AT\+T\dN\d+$", l));
    }

    [Fact]
    public void TraceShowsBothDirectionsWithPasswordsRedacted()
    {
        var trace = new List<string>();
        executor.Trace = new ListTrace(trace);
        esp.Responder = w => w.StartsWith("AT+CWJAP") ? "WIFI CONNECTED\r\nWIFI GOT IP\r\n\r\nOK\r\n" : "+CWSAP:\"ap\",\"ap-secret\",5,3,4,0\r\n\r\nOK\r\n";
        executor.Execute("AT+CWJAP=\"home\",\"s3cret-pw\"", 1000, resendOnBusy: false);
        executor.Execute("AT+CWSAP?", 1000);
        var all = string.Join("\n", trace);
        Assert.Contains(">> AT+CWJAP=\"home\",***", all);
        Assert.Contains("<< WIFI GOT IP", all);
        Assert.DoesNotContain("s3cret-pw", all);
        Assert.DoesNotContain("ap-secret", all);
    }

    private sealed class ListTrace(List<string> lines) : IAtTraceSink
    {
        public void Trace(string direction, string text) { lock (lines) lines.Add(direction + " " + text); }
    }

    [Fact]
    public void ALateAnswerToATimedOutCommandIsNotTakenAsTheNextCommandsAnswer()
    {
        esp.Responder = line =>
        {
            if (line == "AT+GMR\r\n") new Thread(() => { Thread.Sleep(150); esp.Emit("AT version:4.1.1.0\r\n\r\nOK\r\n"); }).Start();
            return null;
        };
        Assert.Throws<AtTimeoutException>(() => executor.Execute("AT", 100));
        // The slow ESP answers the first command after all, 50 ms later: by then the next command would be on its way.
        new Thread(() => { Thread.Sleep(50); esp.Emit("\r\nOK\r\n"); }).Start();
        var gmr = executor.Execute("AT+GMR", 2000);
        Assert.Equal("4.1.1.0", gmr.Find("AT version:"));
    }
}
