using System.Collections;

namespace Esp32At.CircuitPython.Mdns
{
    /// <summary>
    /// Gathers the records of every answer a browse receives and joins them into services (RFC 6763 §4): the PTR records
    /// of the type name list the instances, each instance's SRV gives host and port, its TXT the strings, the host's A
    /// the address. Records may come in any order and any packet; a repeated instance counts once, and a PTR goodbye
    /// (TTL 0) takes the instance out again.
    /// </summary>
    internal sealed class ServiceCollector
    {
        private const string LocalSuffix = ".local";

        private readonly string serviceType;
        private readonly string protocol;
        private readonly string typeName;
        private readonly ArrayList instances = new ArrayList();    // instance names (presentation form), in order found
        private readonly Hashtable srv = new Hashtable();          // Key(instance) -> SRV record
        private readonly Hashtable txt = new Hashtable();          // Key(instance) -> TXT record
        private readonly Hashtable addresses = new Hashtable();    // Key(host) -> A record

        /// <summary>Collects instances of <c>serviceType.protocol.local</c> (e.g. <c>_http</c>, <c>_tcp</c>).</summary>
        public ServiceCollector(string serviceType, string protocol)
        {
            this.serviceType = serviceType;
            this.protocol = protocol;
            typeName = serviceType + "." + protocol + LocalSuffix;
        }

        /// <summary>The type name PTR questions ask for, e.g. <c>_http._tcp.local</c>.</summary>
        public string TypeName { get { return typeName; } }

        /// <summary>Takes in the records of one received answer.</summary>
        public void Add(DnsRecord[] records)
        {
            for (int i = 0; i < records.Length; i++)
            {
                var r = records[i];
                if (r.Type == DnsRecord.TypePtr) AddInstance(r);
                else if (r.Type == DnsRecord.TypeSrv) srv[DnsName.Key(r.Name)] = r;
                else if (r.Type == DnsRecord.TypeTxt) txt[DnsName.Key(r.Name)] = r;
                else if (r.Type == DnsRecord.TypeA) addresses[DnsName.Key(r.Name)] = r;
            }
        }

        /// <summary>
        /// What is still unknown, as questions for a follow-up query: SRV and TXT of instances seen without them, A of
        /// hosts without an address. The names go to <paramref name="names"/>, their types to <paramref name="types"/>.
        /// </summary>
        public void Missing(ArrayList names, ArrayList types)
        {
            for (int i = 0; i < instances.Count; i++)
            {
                var instance = (string)instances[i];
                var key = DnsName.Key(instance);
                var service = (DnsRecord)srv[key];
                if (service == null) Ask(names, types, instance, DnsRecord.TypeSrv);
                if (txt[key] == null) Ask(names, types, instance, DnsRecord.TypeTxt);
                if (service != null && addresses[DnsName.Key(service.Target)] == null) Ask(names, types, service.Target, DnsRecord.TypeA);
            }
        }

        /// <summary>The services found so far, in the order their PTR records arrived.</summary>
        public RemoteService[] Results()
        {
            var result = new RemoteService[instances.Count];
            for (int i = 0; i < result.Length; i++)
            {
                var name = (string)instances[i];
                string rest;
                string instanceName = DnsName.FirstLabel(name, out rest);
                var key = DnsName.Key(name);
                var service = (DnsRecord)srv[key];
                var text = (DnsRecord)txt[key];
                string hostname = null;
                int port = 0;
                IPv4Address address = null;
                if (service != null)
                {
                    port = service.Port;
                    hostname = HostLabel(service.Target);
                    var a = (DnsRecord)addresses[DnsName.Key(service.Target)];
                    if (a != null) address = new IPv4Address(a.Address);
                }
                result[i] = new RemoteService(hostname, instanceName, serviceType, protocol, port, address,
                    text == null ? new string[0] : text.Texts);
            }
            return result;
        }

        private void AddInstance(DnsRecord ptr)
        {
            if (!DnsName.Same(ptr.Name, typeName)) return;
            for (int i = 0; i < instances.Count; i++)
            {
                if (!DnsName.Same((string)instances[i], ptr.Target)) continue;
                if (ptr.Ttl == 0) instances.RemoveAt(i);
                return;
            }
            if (ptr.Ttl != 0) instances.Add(ptr.Target);
        }

        // "printer.local" -> "printer" (as the core reports it); a host outside .local keeps its whole name.
        private static string HostLabel(string host)
        {
            int cut = host.Length - LocalSuffix.Length;
            if (cut > 0 && DnsName.Same(host.Substring(cut), LocalSuffix)) host = host.Substring(0, cut);
            string rest;
            string first = DnsName.FirstLabel(host, out rest);
            return rest.Length == 0 ? first : host;
        }

        private static void Ask(ArrayList names, ArrayList types, string name, int type)
        {
            for (int i = 0; i < names.Count; i++)
                if ((int)types[i] == type && DnsName.Same((string)names[i], name)) return;
            names.Add(name);
            types.Add(type);
        }
    }
}
