using System.Net;
using System.Text;
using Esp32At.Emulator.Core;

namespace Esp32At.Emulator.Commands;

/// <summary>
/// Parameter checks with the firmware's error codes (spec §1.5: 0x0106 need&lt;&lt;8|given for the count, 0x0107 index
/// for an invalid value, 0x0104 index for a length, 0x0108 index for a malformed number, 0x010a execution failed,
/// 0x010c operation type). Sub-codes: esp-at components/at/include/esp_at_core.h, ESP_AT_SUB_PARA_*.
/// </summary>
internal static class ArgumentChecks
{
    public const string ExecutionFailed = "0x010a0000";
    public const string OperationType = "0x010c0000";

    public static CommandException Invalid(int index) => new($"0x0107{index:x4}");
    public static CommandException Length(int index) => new($"0x0104{index:x4}");
    public static CommandException ParseFail(int index) => new($"0x0108{index:x4}");

    /// <summary>A set form with between <paramref name="min"/> and <paramref name="max"/> arguments.</summary>
    public static void Count(CommandContext c, int min, int max)
    {
        int given = c.Line.Count;
        if (given < min || given > max) throw new CommandException($"0x0106{(given < min ? min : max):x2}{Math.Min(given, 255):x2}");
    }

    /// <summary>Integer argument <paramref name="i"/> within [<paramref name="min"/>, <paramref name="max"/>]: omitted or out of
    /// range is PARA_INVALID, a quoted or malformed number PARA_PARSE_FAIL (what esp_at_get_para_as_digit returns FAIL for).</summary>
    public static int Int(CommandContext c, int i, long min, long max)
    {
        if (c.Line.IsEmpty(i)) throw Invalid(i);
        if (c.Line.IsQuoted(i) || !AtCommandLine.TryParseDigit(c.Line.String(i), out var v)) throw ParseFail(i);
        if (v < min || v > max) throw Invalid(i);
        return (int)v;
    }

    /// <summary>Integer argument <paramref name="i"/> when present, else <paramref name="fallback"/>.</summary>
    public static int IntOr(CommandContext c, int i, long min, long max, int fallback) =>
        c.Line.IsEmpty(i) ? fallback : Int(c, i, min, max);

    /// <summary>Quoted string argument <paramref name="i"/> of at most <paramref name="maxBytes"/> UTF-8 bytes.</summary>
    public static string Text(CommandContext c, int i, int maxBytes)
    {
        if (i >= c.Line.Count || !c.Line.IsQuoted(i)) throw Invalid(i);
        var s = c.Line.String(i);
        if (Encoding.UTF8.GetByteCount(s) > maxBytes) throw Length(i);
        return s;
    }

    /// <summary>Quoted dotted-quad IPv4 argument <paramref name="i"/>, normalised.</summary>
    public static string Ipv4(CommandContext c, int i) => Ipv4(Text(c, i, 15), i);

    /// <summary>The dotted-quad IPv4 text <paramref name="s"/> of argument <paramref name="i"/>, normalised.</summary>
    public static string Ipv4(string s, int i)
    {
        var parts = s.Split('.');
        if (parts.Length != 4 || parts.Any(p => p.Length == 0 || p.Length > 3 || !p.All(char.IsAsciiDigit)) || !IPAddress.TryParse(s, out var ip))
            throw Invalid(i);
        return ip.ToString();
    }

    /// <summary>ERROR unless the Wi-Fi driver is initialised (CWINIT=0 makes Wi-Fi and network commands fail).</summary>
    public static void RequireWifi(CommandContext c)
    {
        if (!c.State.Wireless.WifiInitialized) throw new CommandException(ExecutionFailed);
    }

    /// <summary>ERROR unless station mode (CWMODE 1 or 3) is on.</summary>
    public static void RequireStation(CommandContext c)
    {
        RequireWifi(c);
        if (c.State.CwMode is not (1 or 3)) throw new CommandException(ExecutionFailed);
    }

    /// <summary>ERROR unless soft-AP mode (CWMODE 2 or 3) is on.</summary>
    public static void RequireSoftAp(CommandContext c)
    {
        RequireWifi(c);
        if (c.State.CwMode is not (2 or 3)) throw new CommandException(ExecutionFailed);
    }
}
