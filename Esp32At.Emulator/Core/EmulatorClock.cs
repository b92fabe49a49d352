namespace Esp32At.Emulator.Core;

/// <summary>
/// The one clock every firmware delay follows (join, scan, TLS handshake, reboot): a delay of <c>ms</c> lasts
/// <c>ms × SpeedFactor</c> real milliseconds. 1 is realistic (demos, benchmarks); near 0 keeps tests fast.
/// </summary>
public sealed class EmulatorClock(double speedFactor)
{
    public double SpeedFactor { get; set; } = speedFactor >= 0 ? speedFactor : throw new ArgumentOutOfRangeException(nameof(speedFactor));

    private long elapsed;

    /// <summary>Firmware milliseconds of every delay so far, unscaled: lets tests check a modelled duration at any speed.</summary>
    public long FirmwareMs => Interlocked.Read(ref elapsed);

    /// <summary>Waits a firmware delay of <paramref name="firmwareMs"/> milliseconds (scaled).</summary>
    public void Delay(int firmwareMs)
    {
        Interlocked.Add(ref elapsed, firmwareMs);
        int real = (int)Math.Round(firmwareMs * SpeedFactor);
        if (real > 0) Thread.Sleep(real);
    }

    private readonly object sleeper = new();

    /// <summary>
    /// Counts a firmware delay of <paramref name="firmwareMs"/> (unscaled, as <see cref="Delay"/>) whose end the caller
    /// computed itself, and waits until Stopwatch timestamp <paramref name="until"/> (at most a millisecond early: a
    /// monitor wait has millisecond granularity; <c>Thread.Sleep(2)</c> measured 2.8 ms here, a 2 ms wait 2.15 ms).
    /// </summary>
    public void DelayUntil(int firmwareMs, long until)
    {
        Interlocked.Add(ref elapsed, firmwareMs);
        long left;
        while ((left = (until - System.Diagnostics.Stopwatch.GetTimestamp()) * 1000 / System.Diagnostics.Stopwatch.Frequency) >= 1)
            lock (sleeper) Monitor.Wait(sleeper, (int)Math.Min(left, int.MaxValue));
    }
}
