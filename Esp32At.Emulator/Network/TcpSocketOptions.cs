namespace Esp32At.Emulator.Network;

/// <summary>
/// CIPTCPOPT's options of one link id (esp-at docs TCP-IP_AT_Commands.rst, AT+CIPTCPOPT; defaults from there).
/// They belong to the link id, not to an open socket: the docs store them in NVS with SYSSTORE=1, so they can be set
/// before CIPSTART and on a UDP link, where the firmware keeps them for the next TCP link on that id.
/// </summary>
public sealed class TcpSocketOptions
{
    /// <summary>SO_LINGER in seconds; -1 off (default).</summary>
    public int Linger { get; set; } = -1;
    /// <summary>TCP_NODELAY, 0 or 1 (default 0).</summary>
    public int NoDelay { get; set; }
    /// <summary>SO_SNDTIMEO in milliseconds; 0 none (default).</summary>
    public int SendTimeoutMs { get; set; }
    /// <summary>SO_KEEPALIVE idle seconds, 0..7200; 0 off (default).</summary>
    public int KeepAlive { get; set; }
}
