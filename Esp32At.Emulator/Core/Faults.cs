namespace Esp32At.Emulator.Core;

/// <summary>
/// Fault switches for tests, each taking effect at a precise point. (Reboot is <see cref="EspEmulator.Reboot"/>.)
/// </summary>
public sealed class Faults(EspEmulator emulator)
{
    private int dropNotices;

    /// <summary>The next <paramref name="count"/> passive <c>+IPD</c> notices are not written (a lost notice).</summary>
    public void DropNextNotices(int count = 1) => Interlocked.Exchange(ref dropNotices, count);

    /// <summary>Writes <paramref name="bytes"/> to the host now, as line noise would.</summary>
    public void InjectGarbage(byte[] bytes) => emulator.Output(bytes);

    /// <summary>True when the notice about to be written must be dropped (consumes one).</summary>
    internal bool DropNotice()
    {
        while (true)
        {
            int left = Volatile.Read(ref dropNotices);
            if (left <= 0) return false;
            if (Interlocked.CompareExchange(ref dropNotices, left - 1, left) == left) return true;
        }
    }
}
