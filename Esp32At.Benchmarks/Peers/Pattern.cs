namespace Esp32At.Benchmarks.Peers;

/// <summary>The byte pattern peers send: position-dependent, so a lost or repeated piece would show.</summary>
public static class Pattern
{
    public static byte[] Block(int length)
    {
        var b = new byte[length];
        for (int i = 0; i < length; i++) b[i] = (byte)(i * 7 + 3);
        return b;
    }
}
