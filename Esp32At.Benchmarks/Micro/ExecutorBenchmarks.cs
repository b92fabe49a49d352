using BenchmarkDotNet.Attributes;
using Esp32At.Engine;

namespace Esp32At.Benchmarks.Micro;

/// <summary>
/// The executor's exchanges against an ESP that answers instantly (<see cref="InstantEsp"/>): what one command, one
/// CIPSEND of 1460 bytes, one CIPRECVDATA of 1460 bytes cost the host, including the hand-off to the pump thread.
/// </summary>
[Config(typeof(MicroConfig))]
public class ExecutorBenchmarks
{
    private AtExecutor executor = null!;
    private readonly AtCommandBuffer attention = new AtCommandBuffer().Append("AT").AppendLineEnd();
    private readonly AtCommandBuffer send = new AtCommandBuffer().Append("AT+CIPSEND=0,").Append(InstantEsp.Payload).AppendLineEnd();
    private readonly AtCommandBuffer receive = new AtCommandBuffer().Append("AT+CIPRECVDATA=0,").Append(InstantEsp.Payload).AppendLineEnd();
    private readonly byte[] payload = Peers.Pattern.Block(InstantEsp.Payload);
    private readonly byte[] buffer = new byte[InstantEsp.Payload];

    [GlobalSetup]
    public void Setup()
    {
        executor = new AtExecutor(new InstantEsp()) { RemoteInfoInReceive = true };
        executor.Start();
    }

    [GlobalCleanup]
    public void Cleanup() => executor.Dispose();

    [Benchmark]
    public AtResultCode Command() => executor.Run(attention, null, 1000, false);

    [Benchmark]
    public AtResultCode Send() => executor.Send(send, payload, 0, payload.Length, 1000);

    [Benchmark]
    public int Receive() => executor.Receive(receive, buffer, 0, buffer.Length, 1000);
}
