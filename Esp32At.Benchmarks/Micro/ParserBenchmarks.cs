using System.Text;
using BenchmarkDotNet.Attributes;
using Esp32At.Engine;

namespace Esp32At.Benchmarks.Micro;

/// <summary>
/// The byte-level parser on typical ESP output: information and final lines, active <c>+IPD</c> frames and passive
/// <c>+CIPRECVDATA</c> answers (1460-byte payloads, one MSS). Operations are lines or frames.
/// </summary>
[Config(typeof(MicroConfig))]
public class ParserBenchmarks
{
    private const int Lines = 1000;
    private const int Frames = 100;
    private const int Payload = 1460;

    private byte[] lines = [];
    private byte[] ipdFrames = [];
    private byte[] receiveFrames = [];
    private AtParser parser = null!;
    private RingBuffer ring = null!;

    [GlobalSetup]
    public void Setup()
    {
        var text = new StringBuilder();
        for (int i = 0; i < Lines / 4; i++)
            text.Append("+CIPSTATE:0,\"TCP\",\"192.168.1.10\",80,50012,0\r\n")
                .Append("+CWJAP:\"Home\",\"5e:b1:86:92:aa:44\",6,-48,0,1,3,0,1\r\n")
                .Append("\r\n+IPD,0,2920\r\n")
                .Append("OK\r\n");
        lines = Encoding.ASCII.GetBytes(text.ToString());
        var data = Peers.Pattern.Block(Payload);
        ipdFrames = Repeat(Encoding.ASCII.GetBytes($"\r\n+IPD,0,{Payload},\"192.168.1.10\",80:"), data, "\r\n"u8.ToArray());
        receiveFrames = Repeat(Encoding.ASCII.GetBytes($"+CIPRECVDATA:{Payload},\"192.168.1.10\",80,"), data, "\r\nOK\r\n\r\n+IPD,0,4300\r\n"u8.ToArray());
        parser = new AtParser(new CountingSink(), 512);
        ring = new RingBuffer(8192);
    }

    private static byte[] Repeat(byte[] head, byte[] data, byte[] tail)
    {
        var one = head.Concat(data).Concat(tail).ToArray();
        return Enumerable.Range(0, Frames).SelectMany(_ => one).ToArray();
    }

    [Benchmark(OperationsPerInvoke = Lines)]
    public void ParseLines() => parser.Process(lines, 0, lines.Length);

    [Benchmark(OperationsPerInvoke = Frames)]
    public void ParseIpdFrames() => parser.Process(ipdFrames, 0, ipdFrames.Length);

    [Benchmark(OperationsPerInvoke = Frames)]
    public void ParseReceiveDataFrames() => parser.Process(receiveFrames, 0, receiveFrames.Length);

    /// <summary>As the pump does it: the bytes go through the ring (a UART read's worth at a time) and are parsed from it.</summary>
    [Benchmark(OperationsPerInvoke = Frames)]
    public void ParseReceiveDataFramesThroughRing()
    {
        int at = 0;
        while (at < receiveFrames.Length)
        {
            at += ring.Write(receiveFrames, at, Math.Min(2048, receiveFrames.Length - at));
            parser.Process(ring);
        }
    }
}
