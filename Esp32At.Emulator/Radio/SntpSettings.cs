namespace Esp32At.Emulator.Radio;

/// <summary>CIPSNTPCFG (spec §2.3): enable, timezone as given (hours -12..14 or [+|-]hhmm) and the servers.</summary>
public sealed record SntpSettings(bool Enabled, int Timezone, IReadOnlyList<string> Servers)
{
    /// <summary>The servers the firmware uses when none are given.</summary>
    public static IReadOnlyList<string> DefaultServers { get; } = ["cn.ntp.org.cn", "ntp.sjtu.edu.cn", "us.pool.ntp.org"];

    /// <summary>The timezone as an offset from UTC: small values are hours, larger ones hhmm.</summary>
    public TimeSpan Offset
    {
        get
        {
            if (Timezone is >= -12 and <= 14) return TimeSpan.FromHours(Timezone);
            int sign = Timezone < 0 ? -1 : 1, v = Math.Abs(Timezone);
            return sign * new TimeSpan(v / 100, v % 100, 0);
        }
    }

    /// <summary>Whether <paramref name="tz"/> is a valid timezone argument.</summary>
    public static bool IsValidTimezone(long tz)
    {
        if (tz is >= -12 and <= 14) return true;
        long v = Math.Abs(tz), hours = v / 100, minutes = v % 100;
        return v >= 100 && minutes < 60 && (tz < 0 ? hours <= 12 : hours <= 14) && !(hours is 12 or 14 && minutes != 0 && (tz < 0 ? hours == 12 : hours == 14));
    }
}
