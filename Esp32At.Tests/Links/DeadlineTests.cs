using Esp32At.Links;

namespace Esp32At.Tests.Links;

public class DeadlineTests
{
    [Fact]
    public void ANegativeTimeoutNeverPasses_AndSlicesAreTheMaximum()
    {
        var d = Deadline.After(-1);
        Assert.True(d.IsInfinite);
        Assert.False(d.Passed);
        Assert.Equal(int.MaxValue, d.RemainingMs);
        Assert.Equal(500, d.Slice(500));
    }

    [Fact]
    public void AZeroTimeoutHasPassed_AndItsSliceIsZero()
    {
        var d = Deadline.After(0);
        Assert.False(d.IsInfinite);
        Assert.True(d.Passed);
        Assert.Equal(0, d.RemainingMs);
        Assert.Equal(0, d.Slice(500));
    }

    [Fact]
    public void ALongTimeoutIsCutIntoSlices_AndASliceNeverExceedsWhatIsLeft()
    {
        var d = Deadline.After(60_000);
        Assert.False(d.Passed);
        Assert.InRange(d.RemainingMs, 50_000, 60_000);
        Assert.Equal(500, d.Slice(500));
        Assert.InRange(d.Slice(int.MaxValue), 50_000, 60_000);
    }

    [Fact]
    public void AShortTimeoutPassesAfterItsTime()
    {
        var d = Deadline.After(30);
        Assert.InRange(d.Slice(1000), 0, 30);
        Thread.Sleep(60);
        Assert.True(d.Passed);
        Assert.Equal(0, d.Slice(1000));
    }
}
