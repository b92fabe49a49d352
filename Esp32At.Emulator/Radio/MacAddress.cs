using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Esp32At.Emulator.Radio;

/// <summary>MAC addresses in the firmware's text form: six lowercase <c>%02x</c> bytes joined by colons.</summary>
public static class MacAddress
{
    /// <summary>Parses <c>aa:bb:cc:dd:ee:ff</c> (either case); false for anything else.</summary>
    public static bool TryParse(string text, out byte[] mac)
    {
        mac = new byte[6];
        var parts = text.Split(':');
        if (parts.Length != 6) return false;
        for (int i = 0; i < 6; i++)
        {
            if (parts[i].Length != 2 || !byte.TryParse(parts[i], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out mac[i])) return false;
        }
        return true;
    }

    public static string Format(byte[] mac) => string.Join(":", mac.Select(b => b.ToString("x2", CultureInfo.InvariantCulture)));

    /// <summary>
    /// Whether the IDF accepts <paramref name="mac"/> as an interface address (spec §2.2 CIPSTAMAC): unicast (bit 0 of
    /// the first byte clear), not all zeros, not all ones.
    /// </summary>
    public static bool IsAssignable(byte[] mac) => (mac[0] & 1) == 0 && mac.Any(b => b != 0) && mac.Any(b => b != 0xff);

    /// <summary>A stable locally administered unicast MAC derived from <paramref name="name"/> (default BSSIDs).</summary>
    public static string FromName(string name)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(name));
        var mac = hash[..6];
        mac[0] = (byte)((mac[0] & 0xfc) | 0x02);
        return Format(mac);
    }

    /// <summary>The address <paramref name="delta"/> above <paramref name="mac"/> (the ESP's AP MAC is its STA MAC + 1).</summary>
    public static string Offset(string mac, int delta)
    {
        if (!TryParse(mac, out var bytes)) throw new FormatException($"bad MAC '{mac}'");
        ulong value = 0;
        foreach (var b in bytes) value = value << 8 | b;
        value = (value + (ulong)delta) & 0xffff_ffff_ffffUL;
        for (int i = 5; i >= 0; i--, value >>= 8) bytes[i] = (byte)value;
        return Format(bytes);
    }
}
