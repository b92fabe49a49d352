using System.Diagnostics;
using Esp32At.Emulator.Core;

namespace Esp32At.Emulator.Transports;

/// <summary>
/// One direction of the UART wire: when a write's bytes reach the far side at the current baud rate
/// (<see cref="UartModel.BitsPerByte"/> bits a byte), scaled by the emulator clock. No clock, or a speed factor of 0,
/// means no pacing: every byte is there at once. Not thread-safe (the port's lock guards it).
/// </summary>
internal sealed class UartPacer
{
    private long lineFreeAt; // Stopwatch timestamp at which the last scheduled byte has arrived

    /// <summary>Stopwatch ticks one byte takes on the wire at <paramref name="baud"/>, or 0 when not paced.</summary>
    public static double TicksPerByte(EmulatorClock? clock, int baud) =>
        clock is { SpeedFactor: > 0 } c && baud > 0 ? (double)UartModel.BitsPerByte * Stopwatch.Frequency / baud * c.SpeedFactor : 0;

    /// <summary>
    /// Puts <paramref name="count"/> bytes on the wire after the bytes already on it, and not before
    /// <paramref name="notBefore"/> (a timestamp; 0 for none); returns the timestamp the first one starts (byte i has
    /// arrived at start + (i+1) × <paramref name="ticksPerByte"/>).
    /// </summary>
    public long Schedule(int count, double ticksPerByte, long notBefore = 0)
    {
        long now = Stopwatch.GetTimestamp();
        if (ticksPerByte <= 0) return now;
        long start = Math.Max(Math.Max(now, notBefore), lineFreeAt);
        lineFreeAt = start + (long)Math.Ceiling(count * ticksPerByte);
        return start;
    }

    /// <summary>Stopwatch ticks until every scheduled byte has arrived (0 when the line is idle).</summary>
    public long Backlog(long now) => Math.Max(0, lineFreeAt - now);
}
