using Esp32At.Emulator.Profiles;

namespace Esp32At.Emulator.Core;

/// <summary>How an emulator instance is set up.</summary>
public sealed record EmulatorOptions
{
    public FirmwareProfile Profile { get; init; } = FirmwareProfile.V4_1_1_C3;
    /// <summary>Scale of every firmware delay (1 = realistic, 0 = instant).</summary>
    public double SpeedFactor { get; init; } = 1.0;
    /// <summary>Firmware time from power-on/reset to <c>ready</c>, in ms (spec §1.2: about 0.5-2 s).</summary>
    public int BootTimeMs { get; init; } = 800;
    /// <summary>Access points in range of the emulated station.</summary>
    public IReadOnlyList<Radio.AccessPoint> AccessPoints { get; init; } = [new("Home", "secret-pass", Bssid: "5e:b1:86:92:aa:44")];
    /// <summary>Firmware time from CWJAP to WIFI CONNECTED, and again to WIFI GOT IP (spec §8: 1-3 s and 0.5-3 s).</summary>
    public int JoinTimeMs { get; init; } = 1500;
    /// <summary>The simulated network behind the station's links, the AP's uplink (connect, data both ways, close):
    /// <see cref="Network.NetworkPath.Lan"/> by default; <see cref="Network.NetworkPath.None"/> for tests that need
    /// loopback's exact timing. Scaled by the clock. Links of the soft-AP's LAN use <see cref="SoftApPath"/>.</summary>
    public Network.NetworkPath Path { get; init; } = Network.NetworkPath.Lan;
    /// <summary>The simulated network of the soft-AP's own LAN (its stations, one Wi-Fi hop away): used by server links
    /// accepted from it and by client links to its subnet (see <c>LinkTable.PathForAccepted</c> / <c>PathTo</c>).
    /// <see cref="Network.NetworkPath.Lan"/> by default.</summary>
    public Network.NetworkPath SoftApPath { get; init; } = Network.NetworkPath.Lan;
    /// <summary>The station's DHCP lease.</summary>
    public string StationIp { get; init; } = "192.168.1.50";
    /// <summary>The gateway and netmask of the station's DHCP lease (the gateway is also the DHCP-given DNS server).</summary>
    public string StationGateway { get; init; } = "192.168.1.1";
    public string StationNetmask { get; init; } = "255.255.255.0";
    /// <summary>The factory station MAC (the soft-AP's is this + 1, as on the ESP; the default SSID is ESP_ + its last 3 bytes).</summary>
    public string StationMac { get; init; } = "34:85:18:6a:2b:10";
    /// <summary>The station hostname at power-on (the IDF default).</summary>
    public string Hostname { get; init; } = "espressif";
    /// <summary>Round-trip time AT+PING reports for a reachable host, in ms (per-host values: <c>emulator.Radio.SetPingTime</c>).</summary>
    public int PingLatencyMs { get; init; } = 12;
    /// <summary>Firmware time from CIPSNTPCFG (or WIFI GOT IP) to +TIME_UPDATED (spec §8: 1-5 s).</summary>
    public int SntpSyncMs { get; init; } = 2000;
    /// <summary>
    /// Whether the ESP's clock already holds the network time when the emulator starts, as after an earlier SNTP sync
    /// (the time survives soft resets on C3/C6, spec §2.3). False is a cold power-on: the clock starts at 1970 and TLS
    /// auth modes 2/3 fail the certificate dates until <c>+TIME_UPDATED</c> or <c>AT+SYSTIMESTAMP=</c> (spec §6 "Clock").
    /// </summary>
    public bool ClockSetAtStart { get; init; } = true;
    /// <summary>Model the SSL passive-length quirk (spec §7.6) from the start; see <see cref="Faults.SslEncryptedLengths"/>.</summary>
    public bool SslPassiveLengthQuirk { get; init; }
    /// <summary>Firmware time of a TLS handshake (spec §8: 1-5 s).</summary>
    public int SslHandshakeTimeMs { get; init; } = 1500;
    /// <summary>Firmware time from <c>WIFI GOT IPv6 LL</c> to the router advertisement that gives <c>WIFI GOT IPv6 GL</c> [UNVERIFIED: AP-dependent].</summary>
    public int Ipv6RouterAdvertMs { get; init; } = 200;
    /// <summary>
    /// How an ESP port (CIPSERVER, UDP local port) maps to a real 127.0.0.1 port: the same number when it is free
    /// (true), else, or always when false, an ephemeral one. See <c>Links.Ports</c>.
    /// </summary>
    public bool HostPortsSameIfFree { get; init; } = true;
    /// <summary>The UART rate at power-on (as if stored by AT+UART_DEF; AT+RESTORE goes back to 115200); the host starts at it too.</summary>
    public int BaudRate { get; init; } = 115200;
    /// <summary>Whether bytes take their wire time at the current baud rate (scaled by <see cref="SpeedFactor"/>; 0 = never paced).</summary>
    public bool UartPacing { get; init; } = true;
    /// <summary>DNS-SD services of hosts on the simulated LAN: they answer mDNS queries the ESP's UDP links send (see <c>emulator.Radio.Lan</c>).</summary>
    public IReadOnlyList<Mdns.MdnsService> LanServices { get; init; } = [];
    /// <summary>
    /// Changes to the per-command processing times (<see cref="Core.CommandLatency"/>): <c>NAME=ms[,NAME=ms...]</c>,
    /// e.g. <c>CIPSEND=1</c>; null keeps the table. The CLI's <c>--latency</c>, a config file's <c>commandLatency</c>.
    /// </summary>
    public string? CommandLatency { get; init; }
    /// <summary>A log of every UART write in both directions from power-on (see <see cref="Transports.ByteLog"/>), or null.</summary>
    public Transports.ByteLog? UartLog { get; init; }
}
