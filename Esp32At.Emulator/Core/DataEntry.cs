namespace Esp32At.Emulator.Core;

/// <summary>
/// Where the bytes typed after a <c>&gt;</c> prompt go (spec §1.6, data entry). The input thread hands every chunk to
/// <see cref="Accept"/> under the emulator's lock; bytes it does not take are excess and answered <c>busy p...</c>.
/// </summary>
public abstract class DataEntry
{
    /// <summary>
    /// Takes bytes of <paramref name="chunk"/>, whose last byte reached the UART at <paramref name="arrivedMs"/>
    /// (<see cref="Environment.TickCount64"/> base, however late the input thread got to it); returns how many were
    /// taken (the rest is excess input).
    /// </summary>
    public abstract int Accept(byte[] chunk, long arrivedMs);

    /// <summary>True once the entry has everything it waits for.</summary>
    public abstract bool Complete { get; }

    /// <summary>Whether the entry recognises its escape itself (passthrough's timed <c>+++</c>) instead of a lone <c>+++</c> chunk cancelling it.</summary>
    internal virtual bool DetectsOwnEscape => false;

    private bool canceled;

    /// <summary>Set when a lone <c>+++</c> chunk cancelled the entry.</summary>
    public bool Canceled
    {
        get => canceled;
        internal set
        {
            canceled = value;
            OnCanceled();
        }
    }

    /// <summary>Called (under the emulator's lock) when <c>+++</c> cancelled the entry; wakes a streaming consumer.</summary>
    protected virtual void OnCanceled() { }
}

/// <summary>Exactly <c>length</c> bytes (CIPSEND, SYSMFG writes).</summary>
public sealed class FixedLengthEntry(int length) : DataEntry
{
    private int filled;

    /// <summary>The bytes received so far (all of them once <see cref="Complete"/>).</summary>
    public byte[] Data { get; } = new byte[length];

    public override bool Complete => filled == Data.Length;

    public override int Accept(byte[] chunk, long arrivedMs)
    {
        int n = Math.Min(chunk.Length, Data.Length - filled);
        Array.Copy(chunk, 0, Data, filled, n);
        filled += n;
        return n;
    }
}
