using Esp32At.Emulator.Radio;

namespace Esp32At.Tests.Emulator;

/// <summary>CWLAP duration = channels × dwell (docs Wi-Fi_AT_Commands.rst AT+CWLAP, &lt;scan_time_max&gt;: 0 means
/// 120 ms active, 360 ms passive; &lt;scan_time_min&gt; ignored for passive). Computed values, not wall clock.</summary>
public class ScanTimingTests
{
    private static readonly CountrySettings Cn = new(); // channels 1-13

    [Fact]
    public void OneChannelActiveScanIsTheDefaultDwell() =>
        Assert.Equal(120, ScanTiming.DurationMs(ScanTiming.Channels(Cn, 6, 0), passive: false, 0, 0));

    [Fact]
    public void ChannelByChannelCostsWhatOneFullScanCosts()
    {
        // Issue 14 item 2: AT+CWLAP=,,1 ... AT+CWLAP=,,11 took 11 × 2.5 s; on the radio it is 11 × 120 ms.
        int byChannel = 0;
        for (int ch = 1; ch <= 11; ch++) byChannel += ScanTiming.DurationMs(ScanTiming.Channels(Cn, ch, 0), false, 0, 0);
        Assert.Equal(1320, byChannel);
        Assert.Equal(13 * 120, ScanTiming.DurationMs(ScanTiming.Channels(Cn, null, 0), false, 0, 0));
    }

    [Fact]
    public void PassiveUsesItsOwnDefaultAndIgnoresTheMinimum()
    {
        Assert.Equal(360, ScanTiming.DurationMs(1, passive: true, 0, 0));
        Assert.Equal(200, ScanTiming.DurationMs(1, passive: true, 1000, 200));
        Assert.Equal(13 * 360, ScanTiming.DurationMs(ScanTiming.Channels(Cn, null, 0), true, 0, 0));
    }

    [Fact]
    public void ActiveHonoursMaxAndNeverDwellsBelowMin()
    {
        Assert.Equal(3 * 50, ScanTiming.DurationMs(3, false, 0, 50));
        Assert.Equal(3 * 300, ScanTiming.DurationMs(3, false, 300, 50));
    }

    [Fact]
    public void BitmapAndCountryLimitTheChannels()
    {
        Assert.Equal(3, ScanTiming.Channels(Cn, null, 0b1000100000001)); // 1, 9, 13
        Assert.Equal(11, ScanTiming.Channels(new CountrySettings(1, "US", 1, 11), null, 0));
        Assert.Equal(2, ScanTiming.Channels(new CountrySettings(1, "US", 1, 11), null, 0b1000100000001)); // 13 is out
    }
}

/// <summary>CWLAP spends the modelled time on the emulator's clock (firmware ms, unscaled), per its parameters.</summary>
public class ScanTimingBytesTests
{
    [Theory]
    [InlineData("AT+CWLAP", 13 * 120)]
    [InlineData("AT+CWLAP=,,6", 120)]
    [InlineData("AT+CWLAP=,,6,1", 360)]
    [InlineData("AT+CWLAP=,,,0,0,200", 13 * 200)]
    [InlineData("AT+CWLAP=,,,1,0,0,0x3", 2 * 360)] // v4.1's 2.4 GHz bitmap: channels 1 and 2
    public void ScanTakesChannelsTimesDwell(string line, long expectedMs)
    {
        using var port = new RawPort();
        port.Command("ATE0");
        long before = port.Emulator.Clock.FirmwareMs;
        port.Command(line);
        Assert.Equal(expectedMs, port.Emulator.Clock.FirmwareMs - before);
    }
}
