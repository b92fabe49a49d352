using System;
using Esp32At.Engine;

namespace Esp32At.Wifi
{
    // IP settings: CIPSTA, CIPAP (IPv4, and the IPv6 addresses they list), CWDHCP, CIPDNS.
    public sealed partial class WifiService
    {
        private Ipv4Settings stationIpSet;   // static station address; null = DHCP
        private Ipv4Settings softApIpSet;
        private byte[][] dnsSet;             // manual DNS servers; null = automatic

        /// <summary>The station's IPv4 settings (<c>AT+CIPSTA?</c>); all 0.0.0.0 when it has no address.</summary>
        public Ipv4Settings QueryStationIpv4()
        {
            return ParseIpv4(Execute(WifiCommands.StationIpQuery), WifiCommands.StationIpPrefix);
        }

        /// <summary>The soft-AP's IPv4 settings (<c>AT+CIPAP?</c>).</summary>
        public Ipv4Settings QuerySoftApIpv4()
        {
            return ParseIpv4(Execute(WifiCommands.SoftApIpQuery), WifiCommands.SoftApIpPrefix);
        }

        /// <summary>
        /// Every address of the station in one <c>AT+CIPSTA?</c>, as CircuitPython's <c>wifi.radio.addresses</c> lists
        /// them: the IPv6 ones first (<c>ip6ll</c>, then <c>ip6gl</c>, in lwIP's text form; only with
        /// <c>Esp32AtOptions.Ipv6</c> and once the ESP printed <c>WIFI GOT IPv6 LL</c>/<c>GL</c>), then the IPv4 one;
        /// empty without any (0.0.0.0 is no address).
        /// </summary>
        public string[] QueryStationAddresses()
        {
            return Addresses(Execute(WifiCommands.StationIpQuery), WifiCommands.StationIpPrefix);
        }

        /// <summary>The soft-AP's addresses (<c>AT+CIPAP?</c>), in the order of <see cref="QueryStationAddresses"/>.</summary>
        public string[] QuerySoftApAddresses()
        {
            return Addresses(Execute(WifiCommands.SoftApIpQuery), WifiCommands.SoftApIpPrefix);
        }

        // +CIPSTA:ip6ll:"fe80::..." / +CIPSTA:ip6gl:"2001:..." / +CIPSTA:ip:"a.b.c.d" -> IPv6 (ll, gl) then IPv4.
        private static string[] Addresses(AtResponse response, string prefix)
        {
            string v4 = null, ll = null, gl = null;
            for (int i = 0; i < response.LineCount; i++)
            {
                string key, text;
                if (!WifiText.TrySplitKeyed(response.GetLine(i), prefix, out key, out text)) continue;
                if (key == "ip")
                {
                    var a = WifiText.ParseIPv4(text);
                    if (a != null && (a[0] | a[1] | a[2] | a[3]) != 0) v4 = WifiText.FormatIPv4(a);
                }
                else if (key == "ip6ll" || key == "ip6gl")
                {
                    var a = Ipv6.Parse(text);
                    if (a == null) continue;
                    if (key == "ip6ll") ll = Ipv6.Format(a);
                    else gl = Ipv6.Format(a);
                }
            }
            int n = (v4 != null ? 1 : 0) + (ll != null ? 1 : 0) + (gl != null ? 1 : 0);
            var result = new string[n];
            n = 0;
            if (ll != null) result[n++] = ll;
            if (gl != null) result[n++] = gl;
            if (v4 != null) result[n] = v4;
            return result;
        }

        /// <summary>
        /// Gives the station a static address (<c>AT+CIPSTA="ip","gateway","netmask"</c>), which stops its DHCP client;
        /// remembered for the restore.
        /// </summary>
        public void SetStationIpv4(Ipv4Settings settings)
        {
            if (settings == null) throw new ArgumentNullException("settings");
            Run(AppendIpv4(Command(WifiCommands.StationIp), settings));
            lock (gate) stationIpSet = settings;
        }

        /// <summary>Sets the soft-AP's address (<c>AT+CIPAP="ip","gateway","netmask"</c>); remembered for the restore.</summary>
        public void SetSoftApIpv4(Ipv4Settings settings)
        {
            if (settings == null) throw new ArgumentNullException("settings");
            Run(AppendIpv4(Command(WifiCommands.SoftApIp), settings));
            lock (gate) softApIpSet = settings;
        }

        /// <summary>
        /// Switches DHCP on or off (<c>AT+CWDHCP=&lt;0|1&gt;,&lt;mask&gt;</c>) for the station's client and/or the soft-AP's
        /// server. Starting the station's client drops a remembered static address.
        /// </summary>
        public void SetDhcp(bool enable, bool station, bool softAp)
        {
            int mask = (station ? 1 : 0) | (softAp ? 2 : 0);
            if (mask == 0) throw new ArgumentException("choose the station, the soft-AP or both");
            Run(Command(WifiCommands.Dhcp).Append(enable ? 1 : 0).Append(",").Append(mask));
            if (enable && station) lock (gate) stationIpSet = null;
        }

        /// <summary>Which DHCP roles run (<c>AT+CWDHCP?</c>): bit 0 station client, bit 1 soft-AP server.</summary>
        public int QueryDhcp()
        {
            return WifiText.ParseInt(Required(Execute(WifiCommands.DhcpQuery), WifiCommands.DhcpPrefix), "CWDHCP");
        }

        /// <summary>The DNS servers in use (<c>AT+CIPDNS?</c>), four bytes each; <paramref name="manual"/> tells whether they were set by hand.</summary>
        public byte[][] QueryDns(out bool manual)
        {
            // <enable>[,"ip1"][,"ip2"][,"ip3"]
            var parts = Required(Execute(WifiCommands.DnsQuery), WifiCommands.DnsPrefix).Split(',');
            manual = parts[0].Trim() == "1";
            int n = 0;
            var found = new byte[parts.Length][];
            for (int i = 1; i < parts.Length; i++)
            {
                var address = WifiText.ParseIPv4(WifiText.Unquote(parts[i].Trim()));
                if (address != null) found[n++] = address;
            }
            var result = new byte[n][];
            Array.Copy(found, result, n);
            return result;
        }

        /// <summary>
        /// Sets one to three distinct DNS servers by hand (<c>AT+CIPDNS=1,"ip1"[,"ip2"[,"ip3"]]</c>), or, with null or
        /// none, goes back to the automatic ones (<c>AT+CIPDNS=0</c>); remembered for the restore.
        /// </summary>
        public void SetDns(byte[][] servers)
        {
            if (servers == null || servers.Length == 0)
            {
                Run(Command(WifiCommands.Dns).Append(0));
                lock (gate) dnsSet = null;
                return;
            }
            if (servers.Length > 3) throw new ArgumentException("at most three DNS servers", "servers");
            var cmd = Command(WifiCommands.Dns).Append(1);
            for (int i = 0; i < servers.Length; i++)
            {
                WifiText.CheckLength(servers[i], 4, "servers");
                for (int k = 0; k < i; k++)
                    if (WifiText.FormatIPv4(servers[k]) == WifiText.FormatIPv4(servers[i])) throw new ArgumentException("the DNS servers must be distinct", "servers");
                cmd.Append(",").AppendQuoted(WifiText.FormatIPv4(servers[i]), "servers");
            }
            Run(cmd);
            lock (gate) dnsSet = servers;
        }

        private static AtCommandBuffer AppendIpv4(AtCommandBuffer cmd, Ipv4Settings settings)
        {
            return cmd.AppendQuoted(WifiText.FormatIPv4(settings.Address), "address").Append(",")
                .AppendQuoted(WifiText.FormatIPv4(settings.Gateway), "gateway").Append(",")
                .AppendQuoted(WifiText.FormatIPv4(settings.Netmask), "netmask");
        }

        // +CIPSTA:ip:"a.b.c.d" / +CIPSTA:gateway:"..." / +CIPSTA:netmask:"..." (IPv6 lines ignored)
        private static Ipv4Settings ParseIpv4(AtResponse response, string prefix)
        {
            byte[] address = null, gateway = null, netmask = null;
            for (int i = 0; i < response.LineCount; i++)
            {
                string key, text;
                if (!WifiText.TrySplitKeyed(response.GetLine(i), prefix, out key, out text)) continue;
                var value = WifiText.ParseIPv4(text);
                if (key == "ip") address = value;
                else if (key == "gateway") gateway = value;
                else if (key == "netmask") netmask = value;
            }
            if (address == null) throw new FormatException("the ESP's answer has no " + prefix + "ip line");
            return new Ipv4Settings(address, gateway ?? new byte[4], netmask ?? new byte[4]);
        }
    }
}
