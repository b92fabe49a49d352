using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Esp32At.Emulator.Network;

/// <summary>
/// Addresses as the firmware prints them (docs/esp-at-ipv6.md "Sources"): IPv4 dotted; IPv6 as lwIP's
/// <c>ip6addr_ntoa</c> writes it: upper-case hex (its <c>lwip_xchar</c> digit table; a real C3 printed
/// <c>"FE80::260A:C4FF:FE81:D8D0"</c>, espressif/esp-at#530) without leading zeros, the <b>first</b> run of two or more
/// zero groups as <c>::</c> (RFC 5952 would take the longest), no zone.
/// </summary>
public static class Ipv6Text
{
    /// <summary>The firmware's text for <paramref name="address"/>.</summary>
    public static string Of(IPAddress address)
    {
        if (address.AddressFamily != AddressFamily.InterNetworkV6) return address.ToString();
        var bytes = address.GetAddressBytes();
        var groups = new int[8];
        for (int i = 0; i < 8; i++) groups[i] = bytes[2 * i] << 8 | bytes[2 * i + 1];
        int start = -1, end = -1;
        for (int i = 0; i < 7; i++)
        {
            if (groups[i] != 0 || groups[i + 1] != 0) continue;
            start = i;
            end = i;
            while (end < 8 && groups[end] == 0) end++;
            break;
        }
        var text = new StringBuilder();
        for (int i = 0; i < 8; i++)
        {
            if (i == start)
            {
                text.Append("::");
                i = end - 1;
                continue;
            }
            if (text.Length > 0 && text[^1] != ':') text.Append(':');
            text.Append(groups[i].ToString("X"));
        }
        return text.ToString();
    }

    /// <summary>Whether <paramref name="text"/> is an IPv6 literal (what a v6 link type or AAAA answer takes).</summary>
    public static bool IsIpv6Literal(string text) =>
        text.Contains(':') && IPAddress.TryParse(text, out var a) && a.AddressFamily == AddressFamily.InterNetworkV6;

    /// <summary>Whether <paramref name="text"/> is an IPv4 literal (as <see cref="IPAddress.TryParse(string, out IPAddress)"/> reads one).</summary>
    public static bool IsIpv4Literal(string text) => IPAddress.TryParse(text, out var a) && a.AddressFamily == AddressFamily.InterNetwork;
}
