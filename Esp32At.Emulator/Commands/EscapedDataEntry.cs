using Esp32At.Emulator.Core;

namespace Esp32At.Emulator.Commands;

/// <summary>
/// CIPSENDEX data (spec §2.3): ends when <c>length</c> bytes have arrived or at the two bytes <c>\0</c>; <c>\x</c>
/// stands for <c>x</c> (so <c>\\0</c> is a literal backslash and zero).
/// </summary>
public sealed class EscapedDataEntry(int length) : DataEntry
{
    private readonly List<byte> payload = new();
    private int arrived;
    private bool escape; // the previous byte was an unpaired backslash
    private bool terminated;

    /// <summary>The bytes to send, escapes resolved, without the terminator.</summary>
    public byte[] Payload => payload.ToArray();

    public override bool Complete => terminated || arrived == length;

    public override int Accept(byte[] chunk, long arrivedMs)
    {
        int i = 0;
        while (i < chunk.Length && !Complete)
        {
            byte b = chunk[i++];
            arrived++;
            if (escape)
            {
                escape = false;
                if (b == (byte)'0')
                {
                    terminated = true;
                    break;
                }
                payload.Add(b);
            }
            else if (b == (byte)'\\') escape = true;
            else payload.Add(b);
        }
        return i;
    }
}
