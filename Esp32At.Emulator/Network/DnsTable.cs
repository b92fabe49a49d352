using System.Net;

namespace Esp32At.Emulator.Network;

/// <summary>The emulator's name resolution: IPv4 literals pass through, configured names map to addresses, the rest fail.</summary>
public sealed class DnsTable
{
    private readonly Dictionary<string, IPAddress> names = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Maps <paramref name="name"/> (e.g. <c>example.test</c>) to <paramref name="address"/>.</summary>
    public void Add(string name, IPAddress address) => names[name] = address;

    /// <summary>A fault hook: names for which resolution fails (see <c>Faults.FailDns</c>).</summary>
    internal Func<string, bool>? Fails { get; set; }

    /// <summary>The address of <paramref name="host"/>, or null when it cannot be resolved.</summary>
    public IPAddress? Resolve(string host)
    {
        if (IPAddress.TryParse(host, out var literal) && literal.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork) return literal;
        if (Fails?.Invoke(host) == true) return null;
        return names.TryGetValue(host, out var a) ? a : null;
    }
}
