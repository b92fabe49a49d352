using System;
using Esp32At.Device;

namespace Esp32At.Wifi
{
    // Putting back what this service set, after the ESP rebooted on its own.
    public sealed partial class WifiService
    {
        /// <summary>
        /// Re-applies what this service set, in dependency order: run mode, host name, MACs, country, TX power, sleep mode, soft-AP
        /// and its address, static station address, DNS, scan options, the joined network, SNTP, mDNS. Every step is
        /// tried; the first failure is thrown at the end.
        /// </summary>
        public void Restore(Esp32AtDevice device)
        {
            int mode, txPower, sleep;
            string hostname, ssid, password;
            byte[] stationMac, softApMac, bssid;
            int joinTimeout;
            CountrySettings country;
            SoftApSettings softAp;
            Ipv4Settings stationIp, softApIp;
            byte[][] dns;
            MdnsAdvertisement mdns;
            bool sntp, sntpOn;
            int sntpTz;
            string[] sntpList;
            lock (gate)
            {
                mode = modeSet;
                hostname = hostnameSet;
                stationMac = stationMacSet;
                softApMac = softApMacSet;
                country = countrySet;
                txPower = txPowerSet;
                sleep = sleepSet;
                softAp = softApSet;
                softApIp = softApIpSet;
                stationIp = stationIpSet;
                dns = dnsSet;
                ssid = joinSsid;
                password = joinPassword;
                bssid = joinBssid;
                joinTimeout = joinTimeoutSeconds;
                sntp = sntpSet;
                sntpOn = sntpEnabled;
                sntpTz = sntpTimezone;
                sntpList = sntpServers;
                mdns = mdnsSet;
            }
            Exception first = null;
            if (mode >= 0) Try(ref first, RestoreStep.Mode, mode, null);
            if (hostname != null) Try(ref first, RestoreStep.Hostname, 0, hostname);
            if (stationMac != null) Try(ref first, RestoreStep.StationMac, 0, stationMac);
            if (softApMac != null) Try(ref first, RestoreStep.SoftApMac, 0, softApMac);
            if (country != null) Try(ref first, RestoreStep.Country, 0, country);
            if (txPower >= 0) Try(ref first, RestoreStep.TxPower, txPower, null);
            if (sleep >= 0) Try(ref first, RestoreStep.Sleep, sleep, null);
            if (softAp != null) Try(ref first, RestoreStep.SoftAp, 0, softAp);
            if (softApIp != null) Try(ref first, RestoreStep.SoftApIp, 0, softApIp);
            if (stationIp != null) Try(ref first, RestoreStep.StationIp, 0, stationIp);
            if (dns != null) Try(ref first, RestoreStep.Dns, 0, dns);
            Try(ref first, RestoreStep.ScanOptions, 0, null);
            if (ssid != null) Try(ref first, RestoreStep.Join, joinTimeout, new object[] { ssid, password, bssid });
            if (sntp) Try(ref first, RestoreStep.Sntp, sntpTz, new object[] { sntpOn, sntpList });
            if (mdns != null) Try(ref first, RestoreStep.Mdns, 0, mdns);
            if (first != null) throw first;
        }

        /// <summary>
        /// Forgets everything this service would restore (e.g. before a factory reset, after which the ESP should come
        /// back bare). Changes nothing on the ESP.
        /// </summary>
        public void ForgetSettings()
        {
            lock (gate)
            {
                modeSet = -1;
                hostnameSet = null;
                stationMacSet = null;
                softApMacSet = null;
                countrySet = null;
                txPowerSet = -1;
                sleepSet = -1;
                softApSet = null;
                softApIpSet = null;
                stationIpSet = null;
                dnsSet = null;
                joinSsid = null;
                joinPassword = null;
                joinBssid = null;
                sntpSet = false;
                sntpServers = null;
                mdnsSet = null;
                scanOptionsSet = false;
                scanMask = ScanLineParser.FullMask;
            }
        }

        private enum RestoreStep { Mode, Hostname, StationMac, SoftApMac, Country, TxPower, Sleep, SoftAp, SoftApIp, StationIp, Dns, ScanOptions, Join, Sntp, Mdns }

        private void Try(ref Exception first, RestoreStep step, int number, object value)
        {
            try
            {
                switch (step)
                {
                    case RestoreStep.Mode: SetMode((WifiMode)number); break;
                    case RestoreStep.Hostname: SetHostname((string)value); break;
                    case RestoreStep.StationMac: SetStationMac((byte[])value); break;
                    case RestoreStep.SoftApMac: SetSoftApMac((byte[])value); break;
                    case RestoreStep.Country: SetCountry((CountrySettings)value); break;
                    case RestoreStep.TxPower: SetTxPower(number); break;
                    case RestoreStep.Sleep: SetSleepMode(number); break;
                    case RestoreStep.SoftAp: ConfigureSoftAp((SoftApSettings)value); break;
                    case RestoreStep.SoftApIp: SetSoftApIpv4((Ipv4Settings)value); break;
                    case RestoreStep.StationIp: SetStationIpv4((Ipv4Settings)value); break;
                    case RestoreStep.Dns: SetDns((byte[][])value); break;
                    case RestoreStep.ScanOptions: RestoreScanOptions(); break;
                    case RestoreStep.Join:
                        var join = (object[])value;
                        Join((string)join[0], (string)join[1], (byte[])join[2], number);
                        break;
                    case RestoreStep.Sntp:
                        var sntp = (object[])value;
                        ConfigureSntp((bool)sntp[0], number, (string[])sntp[1]);
                        break;
                    case RestoreStep.Mdns: Advertise((MdnsAdvertisement)value, false); break; // a rebooted ESP announces nothing
                }
            }
            catch (Exception e)
            {
                if (first == null) first = e;
            }
        }
    }
}
