using System;
using Esp32At.Engine;

namespace Esp32At.Wifi
{
    // Network services run by the ESP: ping, SNTP time, mDNS advertising.
    public sealed partial class WifiService
    {
        private static readonly string[] Months = { "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
        private bool sntpSet;
        private bool sntpEnabled;
        private int sntpTimezone;
        private string[] sntpServers;
        private MdnsAdvertisement mdnsSet;

        /// <summary>
        /// Pings <paramref name="host"/> (IPv4 literal or name, resolved by the ESP) once (<c>AT+PING="host"</c>) and
        /// returns the round trip in milliseconds (the firmware's unit), or -1 when no reply came (<c>+PING:TIMEOUT</c>).
        /// </summary>
        public int Ping(string host)
        {
            if (host == null) throw new ArgumentNullException("host");
            if (host.Length == 0 || host.Length > 64) throw new ArgumentException("host must be 1 to 64 characters", "host");
            var response = new AtResponse();
            try
            {
                executor.Run(Command(WifiCommands.Ping).AppendQuoted(host, "host").AppendLineEnd(), response, PingTimeoutMs, true);
            }
            catch (AtCommandException e)
            {
                if (e is AtTimeoutException || e is AtBusyException || e is AtRebootedException) throw;
                return -1; // +PING:TIMEOUT, an unknown host, or no network
            }
            var text = response.Find(WifiCommands.PingPrefix);
            int ms;
            if (text == null || !WifiText.TryParseInt(text, out ms)) return -1;
            return ms;
        }

        /// <summary>
        /// Configures SNTP (<c>AT+CIPSNTPCFG=&lt;enable&gt;,&lt;timezone&gt;[,"s1"][,"s2"][,"s3"]</c>). <paramref name="timezone"/>
        /// is whole hours (-12..14) or [+|-]hhmm (e.g. 530, -330). The ESP answers at once; <see cref="TimeUpdated"/> /
        /// <see cref="WaitForTimeUpdate"/> tell when it synchronised. Remembered for the restore.
        /// </summary>
        public void ConfigureSntp(bool enable, int timezone, string[] servers)
        {
            bool hours = timezone >= -12 && timezone <= 14;
            bool hhmm = timezone >= -1200 && timezone <= 1400 && (timezone < 0 ? -timezone : timezone) % 100 < 60;
            if (!hours && !hhmm) throw new ArgumentOutOfRangeException("timezone", "whole hours -12..14 or [+|-]hhmm");
            if (servers != null && servers.Length > 3) throw new ArgumentException("at most three SNTP servers", "servers");
            var cmd = Command(WifiCommands.SntpConfig).Append(enable ? 1 : 0).Append(",").Append(timezone);
            if (servers != null) for (int i = 0; i < servers.Length; i++) cmd.Append(",").AppendQuoted(servers[i], "servers");
            timeUpdated.Reset();
            Run(cmd);
            lock (gate)
            {
                sntpSet = true;
                sntpEnabled = enable;
                sntpTimezone = timezone;
                sntpServers = servers;
            }
        }

        /// <summary>
        /// The ESP's clock in its configured time zone (<c>AT+CIPSNTPTIME?</c>, asctime form). Before a synchronisation it
        /// reads 1970.
        /// </summary>
        public DateTime QuerySntpTime()
        {
            return ParseAsctime(Required(Execute(WifiCommands.SntpTimeQuery), WifiCommands.SntpTimePrefix));
        }

        /// <summary>Parses <c>Tue Oct 19 17:47:56 2021</c> (day padded with a space or a zero).</summary>
        public static DateTime ParseAsctime(string text)
        {
            var parts = Collapse(text.Trim()).Split(' ');
            if (parts.Length != 5) throw new FormatException("unexpected time: " + text);
            int month = -1;
            for (int i = 0; i < 12; i++) if (parts[1] == Months[i]) month = i + 1;
            var clock = parts[3].Split(':');
            if (month < 0 || clock.Length != 3) throw new FormatException("unexpected time: " + text);
            return new DateTime(WifiText.ParseInt(parts[4], "year"), month, WifiText.ParseInt(parts[2], "day"),
                WifiText.ParseInt(clock[0], "hour"), WifiText.ParseInt(clock[1], "minute"), WifiText.ParseInt(clock[2], "second"));
        }

        /// <summary>
        /// Announces the host name and one service over mDNS
        /// (<c>AT+MDNS=1,"host","type",port[,"instance"[,"proto"[,n,"key","value"...]]]</c>), replacing an earlier
        /// announcement (the firmware holds one). Remembered for the restore.
        /// </summary>
        public void Advertise(MdnsAdvertisement advertisement)
        {
            bool wasOn;
            lock (gate) wasOn = mdnsSet != null;
            Advertise(advertisement, wasOn);
        }

        private void Advertise(MdnsAdvertisement advertisement, bool stopFirst)
        {
            if (advertisement == null) throw new ArgumentNullException("advertisement");
            if (stopFirst) StopMdnsQuietly();
            var a = advertisement;
            var cmd = Command(WifiCommands.Mdns).Append("1,").AppendQuoted(a.Hostname, "hostname").Append(",")
                .AppendQuoted(a.ServiceType, "serviceType").Append(",").Append(a.Port);
            if (a.InstanceName != null) cmd.Append(",").AppendQuoted(a.InstanceName, "instanceName");
            if (a.Protocol != null) cmd.Append(",").AppendQuoted(a.Protocol, "protocol");
            if (a.TxtKeys.Length > 0)
            {
                cmd.Append(",").Append(a.TxtKeys.Length);
                for (int i = 0; i < a.TxtKeys.Length; i++)
                    cmd.Append(",").AppendQuoted(a.TxtKeys[i], "txtKeys").Append(",").AppendQuoted(a.TxtValues[i], "txtValues");
            }
            Run(cmd, QuickTimeoutMs * 2, true);
            lock (gate) mdnsSet = a;
        }

        /// <summary>Stops mDNS (<c>AT+MDNS=0</c>); the restore no longer announces.</summary>
        public void StopMdns()
        {
            lock (gate) mdnsSet = null;
            Execute(WifiCommands.MdnsOff);
        }

        /// <summary>The current announcement, or null.</summary>
        public MdnsAdvertisement Advertisement
        {
            get { lock (gate) return mdnsSet; }
        }

        private void StopMdnsQuietly()
        {
            try { Execute(WifiCommands.MdnsOff); }
            catch (AtCommandException) { }
        }

        private static string Collapse(string text)
        {
            // asctime pads single-digit days with a space: "Oct  9".
            var sb = new System.Text.StringBuilder(text.Length);
            for (int i = 0; i < text.Length; i++)
                if (text[i] != ' ' || (sb.Length > 0 && sb[sb.Length - 1] != ' ')) sb.Append(text[i]);
            return sb.ToString();
        }
    }
}
