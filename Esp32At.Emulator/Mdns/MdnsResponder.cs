using System.Net;

namespace Esp32At.Emulator.Mdns;

/// <summary>
/// What one host's mDNS responder answers (RFC 6762, DNS-SD RFC 6763): the service-type enumeration, PTR for a type
/// (with SRV, TXT and A as additional records), SRV and TXT for an instance, A for the host. Multicast replies have id
/// 0, no questions and the cache-flush bit on the unique records; legacy unicast replies (the query came from a port
/// other than 5353, §6.7) echo the id and questions, drop the flush bit and cap the TTLs at 10 s.
/// </summary>
public static class MdnsResponder
{
    /// <summary>The DNS-SD meta-query name listing every service type (RFC 6763 §9).</summary>
    public const string ServicesName = "_services._dns-sd._udp.local";

    /// <summary>RFC 6762 §10: 120 s for records that name a host, 75 minutes for the others.</summary>
    private const uint HostTtl = 120, OtherTtl = 4500, LegacyTtl = 10;

    /// <summary>The answer of the host serving <paramref name="services"/> (all on one host), or null when it has none.</summary>
    public static DnsMessage? Answer(DnsMessage query, IReadOnlyList<MdnsService> services, bool legacyUnicast)
    {
        if (query.IsResponse || services.Count == 0) return null;
        uint hostTtl = legacyUnicast ? LegacyTtl : HostTtl, otherTtl = legacyUnicast ? LegacyTtl : OtherTtl;
        bool flush = !legacyUnicast;
        var host = services[0];
        var a = DnsRecord.A(host.HostName, IPAddress.Parse(host.Address), hostTtl, flush);
        DnsRecord Srv(MdnsService s) => DnsRecord.Srv(s.InstanceName, s.HostName, s.Port, hostTtl, flush);
        DnsRecord Txt(MdnsService s) => DnsRecord.Txt(s.InstanceName, s.Txt, otherTtl, flush);

        var answers = new List<DnsRecord>();
        var additionals = new List<DnsRecord>();
        foreach (var q in query.Questions)
        {
            bool any = q.Type == DnsType.Any;
            if (DnsName.Same(q.Name, ServicesName) && (any || q.Type == DnsType.Ptr))
                foreach (var type in services.Select(s => s.TypeName).Distinct(StringComparer.OrdinalIgnoreCase))
                    answers.Add(DnsRecord.Ptr(ServicesName, type, otherTtl));
            foreach (var s in services)
            {
                if (DnsName.Same(q.Name, s.TypeName) && (any || q.Type == DnsType.Ptr))
                {
                    answers.Add(DnsRecord.Ptr(s.TypeName, s.InstanceName, otherTtl));
                    additionals.AddRange([Srv(s), Txt(s), a]);
                }
                if (DnsName.Same(q.Name, s.InstanceName))
                {
                    if (any || q.Type == DnsType.Srv)
                    {
                        answers.Add(Srv(s));
                        additionals.Add(a);
                    }
                    if (any || q.Type == DnsType.Txt) answers.Add(Txt(s));
                }
            }
            if (DnsName.Same(q.Name, host.HostName) && (any || q.Type == DnsType.A)) answers.Add(a);
        }
        if (answers.Count == 0) return null;
        answers = answers.DistinctBy(Key).ToList();
        var answered = answers.Select(Key).ToHashSet();
        additionals = additionals.DistinctBy(Key).Where(r => !answered.Contains(Key(r))).ToList();
        return new DnsMessage
        {
            Id = legacyUnicast ? query.Id : (ushort)0,
            Flags = DnsMessage.ResponseFlag | DnsMessage.AuthoritativeFlag,
            Questions = legacyUnicast ? query.Questions : [],
            Answers = answers,
            Additionals = additionals,
        };
    }

    /// <summary>Identity of a record's content (the records hold lists, which records compare by reference).</summary>
    private static string Key(DnsRecord r) =>
        $"{r.Name.ToLowerInvariant()}|{r.Type}|{r.Target}|{r.Port}|{r.Address}|{string.Join(";", r.Texts ?? [])}";
}
