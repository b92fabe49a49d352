using System.Net;
using System.Net.Sockets;

namespace Esp32At.Emulator.Network;

/// <summary>Which records a lookup takes (CIPDOMAIN's <c>&lt;ip network&gt;</c>, docs/esp-at-ipv6.md "Names").</summary>
public enum DnsFamily
{
    /// <summary>A only: the IPv4 link types, and <c>&lt;ip network&gt;</c> 2.</summary>
    V4Only,
    /// <summary>A, else AAAA: <c>&lt;ip network&gt;</c> 1, the default.</summary>
    PreferV4,
    /// <summary>AAAA only: the v6 link types, and <c>&lt;ip network&gt;</c> 3.</summary>
    V6Only,
}

/// <summary>
/// The emulator's name resolution: literals pass through (of the family asked), configured names map to an IPv4 (A)
/// and/or an IPv6 (AAAA) address, the rest fail.
/// </summary>
public sealed class DnsTable
{
    private readonly Dictionary<string, IPAddress> v4 = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, IPAddress> v6 = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Maps <paramref name="name"/> (e.g. <c>example.test</c>) to <paramref name="address"/>: its A record, or its AAAA record for an IPv6 address.</summary>
    public void Add(string name, IPAddress address)
    {
        lock (v4) (address.AddressFamily == AddressFamily.InterNetworkV6 ? v6 : v4)[name] = address;
    }

    /// <summary>A fault hook: names for which resolution fails (see <c>Faults.FailDns</c>).</summary>
    internal Func<string, bool>? Fails { get; set; }

    /// <summary>The IPv4 address of <paramref name="host"/>, or null when it cannot be resolved.</summary>
    public IPAddress? Resolve(string host) => Resolve(host, DnsFamily.V4Only);

    /// <summary>The address of <paramref name="host"/> of <paramref name="family"/>, or null when it cannot be resolved.</summary>
    public IPAddress? Resolve(string host, DnsFamily family)
    {
        bool wantV4 = family != DnsFamily.V6Only, wantV6 = family != DnsFamily.V4Only;
        if (Ipv6Text.IsIpv4Literal(host)) return wantV4 ? IPAddress.Parse(host) : null;
        if (Ipv6Text.IsIpv6Literal(host)) return wantV6 ? IPAddress.Parse(host) : null;
        if (Fails?.Invoke(host) == true) return null;
        lock (v4)
        {
            if (wantV4 && v4.TryGetValue(host, out var a)) return a;
            return wantV6 && v6.TryGetValue(host, out var aaaa) ? aaaa : null;
        }
    }
}
