using Esp32At.Engine;

namespace Esp32At.Benchmarks.Micro;

/// <summary>A parser sink that only counts, so a parser benchmark measures the parser.</summary>
internal sealed class CountingSink : IAtStreamSink
{
    public int MaxDataLength(AtDataKind kind) => int.MaxValue; // frames of any length, as the parser saw them before its cap
    public long Lines;
    public long DataBytes;
    public long Frames;

    public bool ExpectsPrompt => false;
    public bool RemoteInfoInReceive => true;
    public bool InPassthrough => false;
    public void OnLine(byte[] line, int length) => Lines++;
    public void OnPrompt() { }
    public void OnDataStart(AtDataKind kind, byte[] header, int headerLength, int length) => Frames++;
    public void OnData(AtDataKind kind, byte[] buffer, int offset, int count) => DataBytes += count;
    public void OnNoise(int bytes) { }
}
