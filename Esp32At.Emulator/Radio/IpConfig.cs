namespace Esp32At.Emulator.Radio;

/// <summary>An interface's IPv4 settings as CIPSTA/CIPAP print them (dotted quads).</summary>
public sealed record IpConfig(string Ip, string Gateway, string Netmask)
{
    /// <summary>What an interface without an address reports.</summary>
    public static IpConfig None { get; } = new("0.0.0.0", "0.0.0.0", "0.0.0.0");
}
