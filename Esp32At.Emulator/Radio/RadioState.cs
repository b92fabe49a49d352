using Esp32At.Emulator.Core;

namespace Esp32At.Emulator.Radio;

/// <summary>
/// The Wi-Fi side of the emulated firmware beyond the station's connection state: settings of CWINIT, CWRECONNCFG,
/// CWLAPOPT, CWHOSTNAME, the MACs, RFPOWER, CWCOUNTRY, CWDHCP, CIPSTA/CIPAP, CIPDNS, the soft-AP and its stations,
/// SNTP and mDNS. Power-on values follow spec §8; persisted (SYSSTORE) values are not modelled: a reboot restores
/// these, except the SNTP time, which survives a soft reset on C3/C6 (spec §2.3).
/// </summary>
public sealed class RadioState
{
    private EmulatorOptions options = new();

    /// <summary>Guards the station list and the multi-field updates made from test threads (the simulated world).</summary>
    public object Gate { get; } = new();

    /// <summary>Changes at every reboot: delayed events scheduled before it are dropped.</summary>
    public int Generation { get; private set; }

    /// <summary>Changes at every station connect/disconnect decision: a pending auto-reconnect belongs to one episode.</summary>
    public int Episode { get; set; }

    public bool WifiInitialized { get; set; } = true;
    /// <summary>CWAUTOCONN: join the stored network at boot (always saved in NVS).</summary>
    public bool AutoConnect { get; set; } = true;
    /// <summary>CWRECONNCFG interval in seconds (shared with CWJAP's reconn_interval); 0 = no auto-reconnect.</summary>
    public int ReconnectInterval { get; set; }
    /// <summary>CWRECONNCFG repeat count; 0 = forever.</summary>
    public int ReconnectRepeat { get; set; }
    public JoinParameters Join { get; set; } = new();
    /// <summary>The last CWJAP's target, for the execute form <c>AT+CWJAP</c>.</summary>
    public (string Ssid, string Password, string? Bssid)? StoredJoin { get; set; }
    public ScanOptions Scan { get; set; } = new();
    public string Hostname { get; set; } = "espressif";
    public string StationMac { get; set; } = "";
    public string ApMac { get; set; } = "";
    /// <summary>RFPOWER: Wi-Fi in 0.25 dBm units, then the BLE advertising, scan and connection power levels.</summary>
    public int[] RfPower { get; } = new int[4];
    public CountrySettings Country { get; set; } = new();
    /// <summary>CWDHCP bits: 0 STA client, 1 AP server.</summary>
    public int Dhcp { get; set; } = 3;
    /// <summary>The station's static settings (CIPSTA=), or null for DHCP.</summary>
    public IpConfig? StationStatic { get; set; }
    public IpConfig ApIp { get; set; } = DefaultApIp;
    /// <summary>CIPDNS: false = automatic (DHCP, else the fallbacks), true = the manual servers.</summary>
    public bool DnsManual { get; set; }
    public IReadOnlyList<string> DnsServers { get; set; } = FallbackDns;
    public SoftApConfig SoftAp { get; set; } = new("ESP", "", 1, 0, 10, 0);
    /// <summary>Stations associated with the soft-AP, in join order (lock <see cref="Gate"/>).</summary>
    public List<SimulatedStation> Stations { get; } = new();
    public SntpSettings Sntp { get; set; } = new(false, 0, SntpSettings.DefaultServers);
    public long SntpIntervalS { get; set; } = 3600;
    /// <summary>Whether an SNTP sync succeeded since power-on (survives soft resets).</summary>
    public bool TimeSynced { get; set; }
    public DateTime BootedUtc { get; private set; } = DateTime.UtcNow;
    /// <summary>The time AT+SYSTIMESTAMP= set (UTC) and the host time it was set at, or null; survives soft resets.</summary>
    public (DateTime Utc, DateTime SetAt)? ManualTime { get; set; }
    public MdnsAdvertisement? Mdns { get; set; }

    public static IpConfig DefaultApIp { get; } = new("192.168.4.1", "192.168.4.1", "255.255.255.0");
    /// <summary>The resolvers lwIP falls back to (spec §2.3 CIPDNS).</summary>
    public static IReadOnlyList<string> FallbackDns { get; } = ["208.67.222.222", "114.114.114.114", "8.8.8.8"];

    /// <summary>Takes the option-dependent defaults (MAC, hostname) and applies the power-on state.</summary>
    public void Configure(EmulatorOptions emulatorOptions)
    {
        options = emulatorOptions;
        TimeSynced = emulatorOptions.ClockSetAtStart;
        Reset();
    }

    /// <summary>The station's address, gateway and mask: the static ones, else the DHCP lease while it has IP.</summary>
    public IpConfig StationAddress(bool hasIp) =>
        StationStatic ?? (hasIp && (Dhcp & 1) != 0 ? new IpConfig(options.StationIp, options.StationGateway, options.StationNetmask) : IpConfig.None);

    /// <summary>Back to the power-on state.</summary>
    public void Reset()
    {
        lock (Gate)
        {
            Generation++;
            Episode++;
            WifiInitialized = true;
            AutoConnect = true;
            ReconnectInterval = 0;
            ReconnectRepeat = 0;
            Join = new JoinParameters();
            StoredJoin = null;
            Scan = new ScanOptions();
            Hostname = options.Hostname;
            StationMac = options.StationMac;
            ApMac = MacAddress.Offset(options.StationMac, 1);
            new[] { 80, 9, 9, 9 }.CopyTo(RfPower, 0);
            Country = new CountrySettings();
            Dhcp = 3;
            StationStatic = null;
            ApIp = DefaultApIp;
            DnsManual = false;
            DnsServers = FallbackDns;
            SoftAp = new SoftApConfig("ESP_" + ApMac[9..].Replace(":", "").ToUpperInvariant(), "", 1, 0, 10, 0);
            Stations.Clear();
            Sntp = new SntpSettings(false, 0, SntpSettings.DefaultServers);
            SntpIntervalS = 3600;
            BootedUtc = DateTime.UtcNow;
            Mdns = null;
        }
    }
}
