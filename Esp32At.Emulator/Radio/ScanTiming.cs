namespace Esp32At.Emulator.Radio;

/// <summary>
/// How long a CWLAP scan takes on the radio: channels scanned × the dwell on each (issue 14 part 2). Docs
/// Wi-Fi_AT_Commands.rst AT+CWLAP: <c>&lt;scan_time_max&gt;</c> "If this parameter is 0, the firmware will use the
/// default time: 120 ms for active scan; 360 ms for passive scan"; <c>&lt;scan_time_min&gt;</c> "If the scan type is
/// passive, this parameter is invalid". An active scan is modelled at its maximum (an AP answers the probe on the
/// channels that matter), so a one-channel scan is 120 ms and a full 13-channel scan 1.56 s, as on the chip.
/// </summary>
public static class ScanTiming
{
    public const int ActiveDefaultMs = 120;
    public const int PassiveDefaultMs = 360;

    /// <summary>Firmware milliseconds of a scan over <paramref name="channels"/> channels (the clock scales them by --speed).</summary>
    /// <param name="channels">Channels scanned: 1 for <c>&lt;channel&gt;</c>, else the bitmap's or the country's count.</param>
    /// <param name="passive">CWLAP <c>&lt;scan_type&gt;</c> = 1.</param>
    /// <param name="minMs">CWLAP <c>&lt;scan_time_min&gt;</c> (0 = default); an active dwell is never below it.</param>
    /// <param name="maxMs">CWLAP <c>&lt;scan_time_max&gt;</c> (0 = the default of the scan type).</param>
    public static int DurationMs(int channels, bool passive, int minMs, int maxMs)
    {
        int dwell = maxMs > 0 ? maxMs : passive ? PassiveDefaultMs : ActiveDefaultMs;
        if (!passive) dwell = Math.Max(dwell, minMs);
        return channels * dwell;
    }

    /// <summary>Channels a scan covers: one named channel, else the set bits of the 2.4 GHz bitmap (0 = all) within the
    /// country's channels.</summary>
    public static int Channels(CountrySettings country, int? onlyChannel, int bitmap)
    {
        if (onlyChannel is not null) return 1;
        int count = 0;
        for (int ch = country.StartChannel; ch < country.StartChannel + country.ChannelCount; ch++)
            if (bitmap == 0 || (bitmap >> (ch - 1) & 1) != 0) count++;
        return Math.Max(count, 1);
    }
}
