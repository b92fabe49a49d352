using System.Net;
using Esp32At.Emulator.Core;
using Esp32At.Emulator.Network;

namespace Esp32At.Emulator.Mdns;

/// <summary>
/// The LAN behind the access point, as far as multicast goes: datagrams the ESP's UDP links send to a multicast group
/// (or to a simulated host) never reach the real network; they reach this LAN instead. There, mDNS responders answer
/// queries to 224.0.0.251:5353: the simulated hosts' DNS-SD services (<see cref="AddService"/>,
/// <c>EmulatorOptions.LanServices</c>) and the ESP's own AT+MDNS advertisement. Tests can watch what the ESP sends
/// (<see cref="Sent"/>) and multicast to it (<see cref="Multicast"/>). Only reachable while the station has an IP.
/// </summary>
public sealed class SimulatedLan
{
    /// <summary>The mDNS group and port (RFC 6762).</summary>
    public static readonly IPEndPoint MdnsGroup = new(IPAddress.Parse("224.0.0.251"), 5353);

    /// <summary>How long a responder waits before answering a shared-record query (RFC 6762 §6: 20-120 ms).</summary>
    public const int ResponseDelayMs = 20;

    private readonly EspEmulator emulator;
    private readonly object gate = new();
    private readonly List<MdnsService> services;

    public SimulatedLan(EspEmulator emulator)
    {
        this.emulator = emulator;
        services = emulator.Options.LanServices.ToList();
    }

    /// <summary>A datagram one of the ESP's links sent onto the LAN: from (the ESP's address and port), to, payload.</summary>
    public event Action<IPEndPoint, IPEndPoint, byte[]>? Sent;

    /// <summary>The simulated hosts' DNS-SD services.</summary>
    public IReadOnlyList<MdnsService> Services { get { lock (gate) return services.ToList(); } }

    /// <summary>A host on the LAN starts announcing <paramref name="service"/> (it answers queries from now on).</summary>
    public void AddService(MdnsService service)
    {
        lock (gate) services.Add(service);
    }

    /// <summary>The service instance leaves the LAN; false when there was none.</summary>
    public bool RemoveService(string instance, string serviceType)
    {
        lock (gate) return services.RemoveAll(s => s.Instance == instance && DnsName.Same(s.ServiceType, serviceType)) > 0;
    }

    /// <summary>
    /// A LAN host at <paramref name="from"/> sends <paramref name="data"/> to multicast <paramref name="group"/>: every
    /// ESP UDP link bound to the group's port receives it. Returns how many links did.
    /// </summary>
    public int Multicast(IPEndPoint from, IPEndPoint group, byte[] data)
    {
        if (emulator.State.WifiState != 2) return 0;
        int n = 0;
        foreach (var link in LinksOnPort(group.Port))
        {
            Deliver(link, data, from);
            n++;
        }
        return n;
    }

    /// <summary>Whether a datagram to <paramref name="to"/> goes to this LAN rather than a real socket.</summary>
    internal bool Handles(IPEndPoint to)
    {
        var bytes = to.Address.GetAddressBytes();
        if (bytes.Length == 4 && bytes[0] is >= 224 and <= 239) return true;
        lock (gate) return services.Any(s => s.Address == to.Address.ToString());
    }

    /// <summary>The ESP's <paramref name="link"/> sent <paramref name="data"/> to <paramref name="to"/> on the LAN.</summary>
    internal void FromEsp(EmulatedLink link, byte[] data, IPEndPoint to)
    {
        if (emulator.State.WifiState != 2) return; // not on the LAN: the datagram goes nowhere
        var espAddress = StationAddress();
        Sent?.Invoke(new IPEndPoint(espAddress, link.LocalPort), to, data);
        if (to.Port != MdnsGroup.Port) return;
        var query = DnsMessage.TryDecode(data);
        if (query is null || query.IsResponse) return;
        // A query from a port other than 5353 is a legacy (one-shot) query: the answer goes back to it alone (RFC 6762 §6.7).
        bool legacy = link.LocalPort != MdnsGroup.Port || query.Questions.Any(q => q.UnicastResponse);
        bool toGroup = to.Address.Equals(MdnsGroup.Address);
        foreach (var host in Hosts())
        {
            var hostAddress = IPAddress.Parse(host[0].Address);
            if (!toGroup && !to.Address.Equals(hostAddress)) continue;
            var answer = MdnsResponder.Answer(query, host, legacy);
            if (answer is null) continue;
            var bytes = answer.Encode();
            var from = new IPEndPoint(hostAddress, MdnsGroup.Port);
            Later(() =>
            {
                if (legacy) Deliver(link, bytes, from);
                else foreach (var member in LinksOnPort(MdnsGroup.Port)) Deliver(member, bytes, from);
            });
        }
    }

    /// <summary>Each responding host's services: the simulated ones grouped by host, then the ESP's own advertisement.</summary>
    private List<List<MdnsService>> Hosts()
    {
        List<List<MdnsService>> hosts;
        lock (gate) hosts = services.GroupBy(s => (s.Host.ToLowerInvariant(), s.Address)).Select(g => g.ToList()).ToList();
        var own = emulator.State.Wireless.Mdns;
        if (own is not null)
        {
            // AT+MDNS takes the type without the protocol ("_iot") and the protocol apart ("_tcp").
            var type = own.ServiceType.Contains("._") ? own.ServiceType : own.ServiceType + "." + own.Protocol;
            var txt = own.Txt.Select(kv => kv.Key + "=" + kv.Value).ToList();
            hosts.Add([new MdnsService(own.Instance, type, own.Hostname, StationAddress().ToString(), own.Port, txt)]);
        }
        return hosts;
    }

    private IPAddress StationAddress() => IPAddress.Parse(emulator.State.Wireless.StationAddress(hasIp: true).Ip);

    private IEnumerable<EmulatedLink> LinksOnPort(int port)
    {
        for (int i = 0; i < emulator.Profile.MaxLinks; i++)
            if (emulator.Links[i] is { IsDatagram: true } link && link.LocalPort == port) yield return link;
    }

    private static void Deliver(EmulatedLink link, byte[] data, IPEndPoint from) => 
        (((link.Channel as PathChannel)?.Inner ?? link.Channel) as UdpChannel)?.Inject(data, from);

    private void Later(Action action)
    {
        int generation = emulator.State.Wireless.Generation;
        new Thread(() =>
        {
            emulator.Clock.Delay(ResponseDelayMs);
            emulator.WaitUntilIdle(1000);
            if (emulator.State.Wireless.Generation == generation) action();
        }) { IsBackground = true, Name = "esp-at mdns" }.Start();
    }
}
