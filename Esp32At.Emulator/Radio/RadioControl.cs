using System.Net;
using Esp32At.Emulator.Core;

namespace Esp32At.Emulator.Radio;

/// <summary>
/// The simulated radio world around the emulated ESP, for tests and demos: access points going out of range and
/// back (auto-reconnect per CWRECONNCFG), stations joining and leaving the soft-AP, ping round trips, the network
/// time SNTP reads. Also the station's connect/lose sequences the Wi-Fi commands share. Every URC goes out as one write.
/// </summary>
public sealed class RadioControl
{
    /// <summary>Firmware time from a station's association to its DHCP lease.</summary>
    public const int DhcpServerTimeMs = 30;

    private readonly EspEmulator emulator;
    private readonly HashSet<string> outOfRange = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int?> pingTimes = new(StringComparer.Ordinal);

    public RadioControl(EspEmulator emulator)
    {
        this.emulator = emulator;
        State.Configure(emulator.Options);
        Lan = new Mdns.SimulatedLan(emulator);
        Joiner = new StationJoiner(emulator, this);
    }

    /// <summary>Auto-connect at boot and the background retries after a failed join.</summary>
    internal StationJoiner Joiner { get; }

    /// <summary>Join attempts the station made in the background (auto-connect, retries after a failed join) since start.</summary>
    public int BackgroundJoinAttempts => Joiner.Attempts;

    /// <summary>After <c>ready</c>: the auto-connect to the network NVS kept (CWAUTOCONN=1), in the background.</summary>
    internal void AutoConnectAtBoot() => Joiner.AutoConnectAtBoot();

    /// <summary>The LAN behind the access point: multicast, and the mDNS responders of its hosts and of the ESP.</summary>
    public Mdns.SimulatedLan Lan { get; }

    private RadioState State => emulator.State.Wireless;
    private EmulatorState Station => emulator.State;

    /// <summary>The UTC time SNTP servers give (default: the host's clock).</summary>
    public Func<DateTime> NetworkUtcNow { get; set; } = () => DateTime.UtcNow;

    /// <summary>Whether SNTP servers answer (false: UDP/123 blocked, +TIME_UPDATED never comes).</summary>
    public bool SntpReachable { get; set; } = true;

    /// <summary>The configured access points currently in range (scan results, join targets).</summary>
    public IReadOnlyList<AccessPoint> AccessPointsInRange
    {
        get { lock (State.Gate) return emulator.Options.AccessPoints.Where(a => !outOfRange.Contains(a.Ssid)).ToList(); }
    }

    /// <summary>Stations associated with the soft-AP now.</summary>
    public IReadOnlyList<SimulatedStation> Stations
    {
        get { lock (State.Gate) return State.Stations.ToList(); }
    }

    /// <summary>
    /// The joined AP goes out of range: <c>WIFI DISCONNECT</c> (once per episode), every link closes, and the station
    /// reconnects when <see cref="RestoreConnection"/> brings the AP back, if CWRECONNCFG/CWJAP's interval is not 0
    /// and the repeat budget is not spent. False when the station was not connected.
    /// </summary>
    public bool DropConnection()
    {
        AccessPoint ap;
        lock (State.Gate)
        {
            if (Station.WifiState is not (1 or 2) || Station.JoinedAp is null) return false;
            ap = Station.JoinedAp;
            outOfRange.Add(ap.Ssid);
            int episode = ++State.Episode;
            int interval = State.ReconnectInterval, repeat = State.ReconnectRepeat;
            if (interval > 0)
            {
                Station.WifiState = 3;
                if (repeat > 0) Later(repeat * interval * 1000, () => GiveUp(episode));
            }
            else
            {
                Station.WifiState = 4;
                Station.JoinedAp = null;
            }
        }
        // The event handler prints the disconnect; the socket task closes the links when lwIP reports the loss.
        ReportDisconnect();
        CloseStationLinks();
        emulator.MqttLink.BreakLink(); // the MQTT client's TCP connection goes with the netif: +MQTTDISCONNECTED:0
        return true;
    }

    /// <summary>Every access point is in range again; a station that is still reconnecting rejoins after its interval.</summary>
    public void RestoreConnection()
    {
        int episode;
        AccessPoint? ap;
        lock (State.Gate)
        {
            outOfRange.Clear();
            ap = Station.JoinedAp;
            if (Station.WifiState != 3 || ap is null) return;
            episode = State.Episode;
        }
        Later(State.ReconnectInterval * 1000, () =>
        {
            lock (State.Gate)
            {
                if (State.Episode != episode || Station.WifiState != 3) return;
                State.Episode++;
            }
            Associate(ap);
        });
    }

    /// <summary>Takes <paramref name="ssid"/> out of range (CWJAP to it fails with +CWJAP:3, CWLAP omits it) or puts it back.</summary>
    public void SetInRange(string ssid, bool inRange)
    {
        lock (State.Gate)
        {
            if (inRange) outOfRange.Remove(ssid);
            else outOfRange.Add(ssid);
        }
    }

    /// <summary>
    /// A station associates with the soft-AP: <c>+STA_CONNECTED:"mac"</c>, then, if the AP's DHCP server runs,
    /// <c>+DIST_STA_IP:"mac","ip"</c> with the lowest free address above the AP's. Null when the soft-AP is not
    /// running or full (the station is refused silently).
    /// </summary>
    public SimulatedStation? StationJoins(string mac)
    {
        if (!MacAddress.TryParse(mac, out var bytes)) throw new ArgumentException($"bad MAC '{mac}'", nameof(mac));
        mac = MacAddress.Format(bytes);
        SimulatedStation station;
        lock (State.Gate)
        {
            if (!State.WifiInitialized || emulator.State.CwMode is not (2 or 3)) return null;
            var existing = State.Stations.FirstOrDefault(s => s.Mac == mac);
            if (existing is not null) return existing;
            if (State.Stations.Count >= State.SoftAp.MaxConnections) return null;
            station = new SimulatedStation(mac, null);
            State.Stations.Add(station);
        }
        emulator.Output($"+STA_CONNECTED:\"{mac}\"\r\n");
        emulator.Clock.Delay(DhcpServerTimeMs);
        lock (State.Gate)
        {
            int at = State.Stations.IndexOf(station);
            if (at < 0 || (State.Dhcp & 2) == 0) return station;
            station = station with { Ip = FreeLease() };
            State.Stations[at] = station;
        }
        emulator.Output($"+DIST_STA_IP:\"{mac}\",\"{station.Ip}\"\r\n");
        return station;
    }

    /// <summary>A station leaves the soft-AP: <c>+STA_DISCONNECTED:"mac"</c>. False when it was not associated.</summary>
    public bool StationLeaves(string mac)
    {
        if (!MacAddress.TryParse(mac, out var bytes)) throw new ArgumentException($"bad MAC '{mac}'", nameof(mac));
        mac = MacAddress.Format(bytes);
        lock (State.Gate)
        {
            if (State.Stations.RemoveAll(s => s.Mac == mac) == 0) return false;
        }
        emulator.Output($"+STA_DISCONNECTED:\"{mac}\"\r\n");
        return true;
    }

    /// <summary>The round trip AT+PING reports for <paramref name="ip"/>; null makes the host unreachable (+PING:TIMEOUT).</summary>
    public void SetPingTime(string ip, int? ms)
    {
        lock (State.Gate) pingTimes[IPAddress.Parse(ip).ToString()] = ms;
    }

    /// <summary>The round trip to <paramref name="ip"/> in ms, or null when it does not answer.</summary>
    internal int? PingTime(IPAddress ip)
    {
        lock (State.Gate) return pingTimes.TryGetValue(ip.ToString(), out var ms) ? ms : emulator.Options.PingLatencyMs;
    }

    /// <summary>Whether <paramref name="ip"/> is a soft-AP station or the AP itself (reachable without the station link).</summary>
    internal bool OnSoftApNetwork(IPAddress ip)
    {
        lock (State.Gate)
            return emulator.State.CwMode is 2 or 3 && (State.ApIp.Ip == ip.ToString() || State.Stations.Any(s => s.Ip == ip.ToString()));
    }

    /// <summary>
    /// The station associates with <paramref name="ap"/> and gets its address: <c>WIFI CONNECTED</c>, a DHCP delay,
    /// <c>WIFI GOT IP</c> (CWJAP, auto-reconnect). Starts an SNTP sync when SNTP is on.
    /// </summary>
    /// <param name="ap">The access point joined.</param>
    /// <param name="fromCommand">A CWJAP joins: the IPv6 notices wait for its OK (the caller calls <see cref="StartIpv6"/>).</param>
    internal void Associate(AccessPoint ap, bool fromCommand = false)
    {
        Station.JoinedAp = ap;
        Station.WifiState = 1;
        emulator.Output("WIFI CONNECTED\r\n");
        emulator.Clock.Delay(emulator.Options.JoinTimeMs / 2);
        Station.WifiState = 2;
        Station.DisconnectReported = false;
        emulator.Output("WIFI GOT IP\r\n");
        Station.Ipv6.Forget();
        StartSntpSync();
        if (!fromCommand) StartIpv6();
    }

    /// <summary>With AT+CIPV6=1: the station's IPv6 addresses and their notices (docs/esp-at-ipv6.md), after WIFI GOT IP.</summary>
    internal void StartIpv6()
    {
        if (Station.JoinedAp is { } ap) Station.Ipv6.Start(emulator, ap);
    }

    /// <summary>Prints <c>WIFI DISCONNECT</c> unless this disconnected episode already did (spec §3).</summary>
    internal void ReportDisconnect()
    {
        if (Station.DisconnectReported) return;
        Station.DisconnectReported = true;
        emulator.Output("WIFI DISCONNECT\r\n");
    }

    /// <summary>Closes every link with its CLOSED notice (spec §7.11: links on a netif close with it).</summary>
    internal void CloseStationLinks()
    {
        for (int i = 0; i < emulator.Profile.MaxLinks; i++)
            if (emulator.Links.Close(i)) emulator.Output(emulator.State.CipMux == 1 ? $"{i},CLOSED\r\n" : "CLOSED\r\n");
    }

    /// <summary>Schedules <c>+TIME_UPDATED</c> when SNTP is on, the station has IP and the servers answer.</summary>
    internal void StartSntpSync()
    {
        var sntp = State.Sntp;
        if (!sntp.Enabled || Station.WifiState != 2 || !SntpReachable) return;
        Later(emulator.Options.SntpSyncMs, () =>
        {
            if (!ReferenceEquals(State.Sntp, sntp) || Station.WifiState != 2 || !SntpReachable) return;
            State.TimeSynced = true;
            emulator.Output("+TIME_UPDATED\r\n");
        });
    }

    /// <summary>
    /// The UTC time of the ESP's clock: network time once SNTP synced, else what AT+SYSTIMESTAMP set (running on), else
    /// 1970 plus uptime. TLS checks certificate dates against it (spec §6).
    /// </summary>
    public DateTime UtcNow()
    {
        lock (State.Gate)
        {
            if (State.TimeSynced) return NetworkUtcNow();
            if (State.ManualTime is { } set) return set.Utc + (DateTime.UtcNow - set.SetAt);
            return DateTime.UnixEpoch + (DateTime.UtcNow - State.BootedUtc);
        }
    }

    /// <summary>Sets the clock (AT+SYSTIMESTAMP=): it runs on from <paramref name="utc"/> until an SNTP sync replaces it.</summary>
    internal void SetClock(DateTime utc)
    {
        lock (State.Gate)
        {
            State.TimeSynced = false;
            State.ManualTime = (utc, DateTime.UtcNow);
        }
    }

    /// <summary>The local time the firmware keeps (<see cref="UtcNow"/> in the SNTP timezone).</summary>
    internal DateTime LocalTime() => UtcNow() + State.Sntp.Offset;

    /// <summary>Runs <paramref name="action"/> after <paramref name="firmwareMs"/> on its own thread, unless the ESP rebooted meanwhile.</summary>
    internal void Later(int firmwareMs, Action action)
    {
        int generation = State.Generation;
        new Thread(() =>
        {
            emulator.Clock.Delay(firmwareMs);
            if (State.Generation == generation) action();
        }) { IsBackground = true, Name = "esp-at radio event" }.Start();
    }

    private void GiveUp(int episode)
    {
        lock (State.Gate)
        {
            if (State.Episode != episode || Station.WifiState != 3) return;
            State.Episode++;
            Station.WifiState = 4;
            Station.JoinedAp = null;
        }
    }

    private string FreeLease()
    {
        var ap = IPAddress.Parse(State.ApIp.Ip).GetAddressBytes();
        for (int host = ap[3] + 1; host < 255; host++)
        {
            var candidate = $"{ap[0]}.{ap[1]}.{ap[2]}.{host}";
            if (State.Stations.All(s => s.Ip != candidate)) return candidate;
        }
        throw new InvalidOperationException("soft-AP DHCP pool exhausted");
    }
}
