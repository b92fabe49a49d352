using System.Diagnostics;
using System.Text;
using CsCheck;
using Esp32At.Engine;

namespace Esp32At.Tests.Reliability;

/// <summary>
/// The executor under fuzzed ESP answers: every call returns within its timeout (plus scheduling slack) and fails only
/// with the documented <see cref="AtCommandException"/> family; the pump thread survives whatever arrives.
/// </summary>
public sealed class ExecutorFuzzTests
{
    private const int CallTimeoutMs = 40;
    private static readonly TimeSpan Slack = TimeSpan.FromMilliseconds(1500); // two noisy CI cores

    [Fact]
    public void FuzzedAnswers_OnlyDocumentedExceptions_EveryCallBounded()
    {
        Gen.Select(FuzzStreams.Stream.Array[1, 6], Gen.Int[0, 2].Array[1, 6]).Sample((answers, ops) =>
        {
            var transport = new FuzzTransport(answers);
            using var executor = new AtExecutor(transport, 1024, 128);
            executor.Start();
            var command = new AtCommandBuffer();
            var payload = new byte[32];
            var target = new byte[48];
            foreach (int op in ops)
            {
                var sw = Stopwatch.StartNew();
                try
                {
                    switch (op)
                    {
                        case 0: executor.Execute("AT+CWSTATE?", CallTimeoutMs); break;
                        case 1: executor.Send(command.Clear().Append("AT+CIPSEND=0,32").AppendLineEnd(), payload, 0, payload.Length, CallTimeoutMs); break;
                        default: executor.Receive(command.Clear().Append("AT+CIPRECVDATA=0,48").AppendLineEnd(), target, 0, target.Length, CallTimeoutMs); break;
                    }
                }
                catch (AtCommandException)
                {
                    // documented: ERROR/FAIL, busy, reboot, timeout
                }
                Assert.True(sw.Elapsed < TimeSpan.FromMilliseconds(CallTimeoutMs) + Slack, $"op {op} took {sw.Elapsed}");
            }
        }, iter: ParserFuzzTests.Iterations(150), threads: 1);
    }

    [Fact]
    public void AfterFuzzedNoise_ACleanExchangeWorksAgain_WhenNoFrameIsOpen()
    {
        Gen.Select(FuzzStreams.Stream, Gen.Int[0, 3]).Sample((noise, _) =>
        {
            var transport = new FuzzTransport([]);
            using var executor = new AtExecutor(transport, 1024, 128);
            executor.Start();
            // Complete any frame the noise left open (its length measured by a parser of our own), then end the
            // line: from here on the stream is clean. (Impossible lengths are the subject of the test below.)
            int open = OpenFrameBytes(noise);
            transport.Emit([.. noise, .. Enumerable.Repeat((byte)'#', open), (byte)'\r', (byte)'\n']);
            // "Afterwards" means after the pump has parsed the noise. Noise parsed while the command is pending (its
            // "busy p..." or "ERROR" taken for the answer) is the subject of the test above; here it would only make
            // the fake, which answers one write per attempt, leave the resend on busy unanswered.
            Assert.True(SpinWait.SpinUntil(() => executor.IsQuietFor(0), 5000), "the pump did not consume the noise");
            Exception? last = null;
            for (int attempt = 0; attempt < 3; attempt++)
            {
                try
                {
                    transport.AnswerNextWrite("\r\nOK\r\n");
                    executor.Execute("AT", 500);
                    return;
                }
                catch (AtCommandException e) { last = e; }
            }
            Assert.Fail("no clean exchange after the noise: " + last?.Message + " noise=" + Encoding.Latin1.GetString(noise));
        }, iter: ParserFuzzTests.Iterations(100), threads: 1);
    }

    private static int OpenFrameBytes(byte[] bytes)
    {
        var sink = new FrameMeter();
        new AtParser(sink, 128).Process(bytes, 0, bytes.Length);
        return sink.Remaining;
    }

    private sealed class FrameMeter : IAtStreamSink
    {
        public int MaxDataLength(AtDataKind kind) => int.MaxValue; // frames of any length, as the parser saw them before its cap
        public int Remaining;
        public bool ExpectsPrompt => false;
        public bool RemoteInfoInReceive => false; // as the bare executor
        public bool InPassthrough => false;
        public void OnLine(byte[] line, int length) { }
        public void OnPrompt() { }
        public void OnNoise(int bytes) { }
        public void OnDataStart(AtDataKind kind, byte[] header, int headerLength, int length) => Remaining = length;
        public void OnData(AtDataKind kind, byte[] buffer, int offset, int count) => Remaining -= count;
    }

    /// <summary>
    /// A garbled frame length (e.g. a bit error turning <c>+IPD,0,5:</c> into <c>+IPD,0,99999:</c>) must not blind the
    /// executor for 99999 bytes: lengths beyond the firmware's maximum (2920 per active frame, the requested count for
    /// CIPRECVDATA) are corruption and should be dropped as noise at the next line end.
    /// </summary>
    [Theory]
    [InlineData("+IPD,0,99999:")]
    [InlineData("+IPD,0,5000:")]
    [InlineData("+CIPRECVDATA:999999,")]
    public void AnImpossibleFrameLength_DoesNotSwallowTheAnswersThatFollow(string garbled)
    {
        var transport = new FuzzTransport([]);
        using var executor = new AtExecutor(transport, 1024, 128);
        executor.Start();
        executor.RemoteInfoInReceive = false;
        transport.Emit(Encoding.Latin1.GetBytes("\r\n" + garbled + "abc\r\n"));
        var sw = Stopwatch.StartNew();
        Exception? last = null;
        for (int attempt = 0; attempt < 3 && sw.ElapsedMilliseconds < 3000; attempt++)
        {
            transport.AnswerNextWrite("\r\nOK\r\n");
            try
            {
                executor.Execute("AT", 500);
                return;
            }
            catch (AtCommandException e) { last = e; }
        }
        Assert.Fail("the executor stayed blind after a garbled frame length: " + last?.Message);
    }
}
