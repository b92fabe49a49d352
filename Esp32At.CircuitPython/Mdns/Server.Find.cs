using System;
using System.Collections;
using Esp32At.Engine;
using Esp32At.Links;

namespace Esp32At.CircuitPython.Mdns
{
    public sealed partial class Server
    {
        private const string MdnsGroup = "224.0.0.251";
        private const int MdnsPort = 5353;
        // A dynamic port, not 5353: the ESP's own responder (AT+MDNS) may hold 5353, and a querier on another port is a
        // "legacy" one that every responder answers by unicast to that port (RFC 6762 §6.7), so no group membership is needed.
        private const int FirstLocalPort = 49152;
        private const int LocalPortCount = 16384;
        private const int OpenAttempts = 3;
        private const int FirstRequeryMs = 250; // then 500, 1000, ... (RFC 6762 §5.2: at least doubling)
        private const int MaxQueryBytes = 1400;
        private const int ReceiveBufferBytes = 1500;

        /// <summary>
        /// <c>find(service_type, protocol, *, timeout=1)</c>: the instances of <paramref name="serviceType"/> (e.g.
        /// <c>_http</c>) over <paramref name="protocol"/> (<c>_tcp</c> or <c>_udp</c>) that answer within
        /// <paramref name="timeout"/> seconds. Sends DNS-SD PTR queries for <c>_http._tcp.local</c> to 224.0.0.251:5353
        /// through a UDP link of the ESP (asking again at 0.25, 0.75, 1.75 s, ... together with the SRV, TXT and A
        /// records still missing), joins the answers, and closes the link. Each instance is reported once; malformed
        /// packets are ignored.
        /// </summary>
        /// <exception cref="ArgumentException">A service type that is not one DNS label, or another protocol.</exception>
        /// <exception cref="ArgumentOutOfRangeException">A negative timeout.</exception>
        /// <exception cref="AtCommandException">The ESP could not open the UDP link (e.g. no Wi-Fi connection, all links busy).</exception>
        public RemoteService[] Find(string serviceType, string protocol, double timeout = 1)
        {
            if (serviceType == null || serviceType.Length == 0 || serviceType.Length > 63 || serviceType.IndexOf('.') >= 0)
                throw new ArgumentException("service type must be one label such as _http", "serviceType");
            if (protocol != "_tcp" && protocol != "_udp") throw new ArgumentException("protocol must be _tcp or _udp", "protocol");
            if (!(timeout >= 0)) throw new ArgumentOutOfRangeException("timeout", "timeout must be 0 or more seconds");
            int timeoutMs = timeout * 1000 > int.MaxValue / 2 ? int.MaxValue / 2 : (int)(timeout * 1000);

            var table = PoolResources.For(radio.Service.Device).Table;
            var collector = new ServiceCollector(serviceType, protocol);
            int link = OpenBrowseLink(table);
            try
            {
                Browse(table, link, collector, timeoutMs);
            }
            finally
            {
                table.Close(link);
            }
            return collector.Results();
        }

        private static void Browse(ConnectionTable table, int link, ServiceCollector collector, int timeoutMs)
        {
            var buffer = new byte[ReceiveBufferBytes];
            long now = DateTime.UtcNow.Ticks;
            long deadline = now + (long)timeoutMs * TimeSpan.TicksPerMillisecond;
            long nextQuery = now;
            long interval = FirstRequeryMs * TimeSpan.TicksPerMillisecond;
            while (true)
            {
                if (now >= nextQuery)
                {
                    byte[] query = Query(collector);
                    table.SendTo(link, query, 0, query.Length, MdnsGroup, MdnsPort);
                    nextQuery = now + interval;
                    interval *= 2;
                }
                now = DateTime.UtcNow.Ticks;
                if (now >= deadline) return;
                long until = deadline < nextQuery ? deadline : nextQuery;
                int waitMs = (int)((until - now) / TimeSpan.TicksPerMillisecond);
                if (waitMs > 0)
                {
                    // False: nothing more in this interval, time for the next query or the end.
                    int n;
                    if (table.TryReceive(link, buffer, 0, buffer.Length, waitMs, out n) && n > 0) collector.Add(DnsMessageReader.Read(buffer, n));
                }
                now = DateTime.UtcNow.Ticks;
            }
        }

        // The PTR question for the type, plus what earlier answers left out, as many as fit one datagram.
        private static byte[] Query(ServiceCollector collector)
        {
            var names = new ArrayList();
            var types = new ArrayList();
            names.Add(collector.TypeName);
            types.Add(DnsRecord.TypePtr);
            collector.Missing(names, types);
            while (true)
            {
                var nameArray = new string[names.Count];
                var typeArray = new int[types.Count];
                for (int i = 0; i < nameArray.Length; i++)
                {
                    nameArray[i] = (string)names[i];
                    typeArray[i] = (int)types[i];
                }
                byte[] query = DnsQueryWriter.Build(0, nameArray, typeArray, true);
                if (query.Length <= MaxQueryBytes || names.Count == 1) return query;
                names.RemoveAt(names.Count - 1);
                types.RemoveAt(types.Count - 1);
            }
        }

        private static int OpenBrowseLink(ConnectionTable table)
        {
            var random = new Random((int)DateTime.UtcNow.Ticks);
            for (int attempt = 1; ; attempt++)
            {
                int localPort = FirstLocalPort + random.Next(LocalPortCount);
                try
                {
                    return table.OpenUdp(MdnsGroup, MdnsPort, localPort);
                }
                catch (AtCommandException)
                {
                    // Most likely the port is taken by another link: another one will do. AtTimeoutException is one too.
                    if (attempt == OpenAttempts) throw;
                }
            }
        }
    }
}
