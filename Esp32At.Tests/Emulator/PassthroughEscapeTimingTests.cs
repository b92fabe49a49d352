using System.Text;
using Esp32At.Emulator.Core;

namespace Esp32At.Tests.Emulator;

/// <summary>
/// Passthrough's <c>+++</c> is judged on when the bytes reached the UART (spec §2.4: 20 ms idle before, under 20 ms
/// between the pluses, 20 ms idle after), not on when the emulator's input thread got to them: a starved thread that
/// takes three pluses written 25 ms apart in one go must still pass them on as data. Arrival times are given
/// explicitly, so the checks do not depend on this machine's timing.
/// </summary>
public class PassthroughEscapeTimingTests
{
    private static byte[] Plus => new[] { (byte)'+' };

    [Fact]
    public void PlusesThatArrived25MsApartAreDataEvenWhenTakenBackToBack()
    {
        var entry = new PassthroughEntry(1.0, 20);
        long t0 = Environment.TickCount64 - 1000;
        entry.Accept(Plus, t0);
        entry.Accept(Plus, t0 + 25);
        entry.Accept(Plus, t0 + 50);

        var packet = entry.Next(200, out bool escape);

        Assert.False(escape);
        Assert.False(entry.Escaped);
        Assert.Equal("+++", Encoding.ASCII.GetString(packet!));
    }

    [Fact]
    public void PlusesThatArrived5MsApartAfterIdleEscapeEvenWhenTakenLate()
    {
        var entry = new PassthroughEntry(1.0, 20);
        long t0 = Environment.TickCount64 - 1000;
        entry.Accept(Encoding.ASCII.GetBytes("data"), t0);
        entry.Accept(Plus, t0 + 100);
        entry.Accept(Plus, t0 + 105);
        entry.Accept(Plus, t0 + 110);

        var packet = entry.Next(200, out bool first);
        Assert.Equal("data", Encoding.ASCII.GetString(packet!)); // what came before the escape goes out first
        Assert.True(first);
        Assert.True(entry.Escaped);
    }
}
