using System.Net;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using Esp32At.Emulator.Profiles;
using Esp32At.Emulator.Radio;

namespace Esp32At.Emulator.Core;

/// <summary>
/// Everything the emulator CLI can be told, as one JSON file (<c>--config file.json</c>); command-line options override
/// it. Keys are the CLI option names in camelCase, plus any simple <see cref="EmulatorOptions"/> property by name:
/// <code>
/// { "listen": "127.0.0.1:5555", "pty": true, "log": "uart.log", "profile": "v4.1.1-c3", "speed": 1, "baud": 115200,
///   "network": "wan", "softApNetwork": "lan",
///   "accessPoints": ["Home,secret-pass,-48"], "dns": { "example.test": "127.0.0.1" }, "bootTimeMs": 500,
///   "mdnsServices": ["Office Printer,_http._tcp,printer,192.168.1.20,80,path=/"], "clockSetAtStart": false }
/// </code>
/// A null member means "not given" (the default applies).
/// </summary>
public sealed class EmulatorConfigFile
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <summary>Address:port of the raw TCP port (like ser2net).</summary>
    public string? Listen { get; set; }
    /// <summary>Also (or, without <see cref="Listen"/>, only) expose the UART as a pseudo-terminal.</summary>
    public bool? Pty { get; set; }
    /// <summary>File for the timestamped byte log of both directions.</summary>
    public string? Log { get; set; }
    /// <summary>Firmware profile name, e.g. <c>v4.1.1-c3</c>.</summary>
    public string? Profile { get; set; }
    /// <summary>Scale of every firmware delay and of UART pacing.</summary>
    public double? Speed { get; set; }
    /// <summary>The network behind the links: lan, wan, none or oneWayMs,jitterMs,bytesPerSecond (<see cref="Network.NetworkPath.Parse"/>).</summary>
    public string? Network { get; set; }
    /// <summary>The soft-AP's LAN (its stations' links), same forms as <see cref="Network"/>.</summary>
    public string? SoftApNetwork { get; set; }
    /// <summary>Initial UART baud rate.</summary>
    public int? Baud { get; set; }
    /// <summary>Access points as <c>ssid,password[,rssi[,channel[,auth]]]</c>.</summary>
    public List<string>? AccessPoints { get; set; }
    /// <summary>Names the ESP resolves: name → IPv4.</summary>
    public Dictionary<string, string>? Dns { get; set; }
    /// <summary>DNS-SD services on the simulated LAN as <c>instance,type,host,address,port[,key=value;...]</c> (see <see cref="Mdns.MdnsService.Parse"/>).</summary>
    public List<string>? MdnsServices { get; set; }

    /// <summary>The other keys: <see cref="EmulatorOptions"/> properties of simple type (int, double, bool, string).</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Options { get; set; }

    /// <summary>Reads a config file; throws <see cref="FormatException"/> naming the file on bad JSON.</summary>
    public static EmulatorConfigFile Load(string path)
    {
        try
        {
            return Parse(File.ReadAllText(path));
        }
        catch (Exception e) when (e is JsonException or FormatException)
        {
            throw new FormatException($"{path}: {e.Message}", e);
        }
    }

    /// <summary>Parses config JSON text.</summary>
    public static EmulatorConfigFile Parse(string json) =>
        JsonSerializer.Deserialize<EmulatorConfigFile>(json, Json) ?? throw new FormatException("the config is empty (null)");

    /// <summary>This config with every member <paramref name="overrides"/> gives replacing this one's (CLI over file).</summary>
    public EmulatorConfigFile OverriddenBy(EmulatorConfigFile overrides)
    {
        var options = new Dictionary<string, JsonElement>(Options ?? [], StringComparer.OrdinalIgnoreCase);
        foreach (var (k, v) in overrides.Options ?? []) options[k] = v;
        return new EmulatorConfigFile
        {
            Listen = overrides.Listen ?? Listen,
            Pty = overrides.Pty ?? Pty,
            Log = overrides.Log ?? Log,
            Profile = overrides.Profile ?? Profile,
            Speed = overrides.Speed ?? Speed,
            Network = overrides.Network ?? Network,
            SoftApNetwork = overrides.SoftApNetwork ?? SoftApNetwork,
            Baud = overrides.Baud ?? Baud,
            AccessPoints = overrides.AccessPoints ?? AccessPoints,
            Dns = overrides.Dns ?? Dns,
            MdnsServices = overrides.MdnsServices ?? MdnsServices,
            Options = options,
        };
    }

    /// <summary>The emulator options this config describes (defaults for what it leaves out).</summary>
    public EmulatorOptions ToEmulatorOptions()
    {
        var defaults = new EmulatorOptions();
        var options = defaults with
        {
            Profile = Profile is null ? defaults.Profile : FirmwareProfile.Named(Profile),
            SpeedFactor = Speed ?? defaults.SpeedFactor,
            Path = Network is null ? defaults.Path : Esp32At.Emulator.Network.NetworkPath.Parse(Network),
            SoftApPath = SoftApNetwork is null ? defaults.SoftApPath : Esp32At.Emulator.Network.NetworkPath.Parse(SoftApNetwork),
            BaudRate = Baud ?? defaults.BaudRate,
            AccessPoints = AccessPoints is { Count: > 0 } aps ? aps.Select(AccessPoint.Parse).ToList() : defaults.AccessPoints,
            LanServices = MdnsServices is { Count: > 0 } services ? services.Select(Mdns.MdnsService.Parse).ToList() : defaults.LanServices,
        };
        foreach (var (key, value) in Options ?? []) Set(options, key, value);
        return options;
    }

    /// <summary>
    /// The DNS entries as addresses: each value is an IPv4 address (the A record), an IPv6 one (AAAA, docs/esp-at-ipv6.md),
    /// or both joined by a comma; throws <see cref="FormatException"/> for anything else.
    /// </summary>
    public IEnumerable<(string Name, IPAddress Address)> DnsEntries()
    {
        foreach (var (name, value) in Dns ?? [])
        {
            foreach (var ip in value.Split(','))
            {
                if (!IPAddress.TryParse(ip.Trim(), out var address) || address.AddressFamily is not (System.Net.Sockets.AddressFamily.InterNetwork or System.Net.Sockets.AddressFamily.InterNetworkV6))
                    throw new FormatException($"dns '{name}': '{ip}' is not an IPv4 or IPv6 address");
                yield return (name, address);
            }
        }
    }

    /// <summary>Parses <c>name=ip[,ip]</c> (the CLI's <c>--dns</c> form) into a DNS map.</summary>
    public static Dictionary<string, string> ParseDns(IEnumerable<string> entries)
    {
        var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in entries)
        {
            var parts = entry.Split('=', 2);
            if (parts.Length != 2) throw new FormatException($"--dns '{entry}': expected name=ip[,ip]");
            map[parts[0]] = parts[1];
        }
        return map;
    }

    private static void Set(EmulatorOptions options, string key, JsonElement value)
    {
        var property = typeof(EmulatorOptions).GetProperty(key, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
        if (property is null || !property.CanWrite || !IsSimple(property.PropertyType))
        {
            var known = typeof(EmulatorOptions).GetProperties().Where(p => p.CanWrite && IsSimple(p.PropertyType)).Select(p => Camel(p.Name));
            throw new FormatException($"unknown option '{key}' (known: listen, pty, log, profile, speed, network, softApNetwork, baud, accessPoints, dns, mdnsServices, {string.Join(", ", known)})");
        }
        try
        {
            property.SetValue(options, value.Deserialize(property.PropertyType, Json));
        }
        catch (JsonException e)
        {
            throw new FormatException($"option '{key}': expected {property.PropertyType.Name}", e);
        }
    }

    private static bool IsSimple(Type t) => t == typeof(int) || t == typeof(double) || t == typeof(bool) || t == typeof(string);

    private static string Camel(string name) => char.ToLowerInvariant(name[0]) + name[1..];
}
