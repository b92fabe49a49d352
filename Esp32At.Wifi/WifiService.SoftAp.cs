using System;
using System.Collections;
using System.Text;
using Esp32At.Engine;

namespace Esp32At.Wifi
{
    // Soft-AP: CWSAP, CWLIF.
    public sealed partial class WifiService
    {
        private SoftApSettings softApSet;

        /// <summary>
        /// Starts the soft-AP: adds it to the run mode, then configures it
        /// (<c>AT+CWSAP="ssid","pwd",&lt;channel&gt;,&lt;ecn&gt;,&lt;max&gt;,&lt;hidden&gt;</c>). Remembered for the restore.
        /// </summary>
        public void StartSoftAp(SoftApSettings settings)
        {
            CheckSoftAp(settings);
            EnsureMode(WifiMode.SoftAp);
            ConfigureSoftAp(settings);
        }

        /// <summary>Configures the soft-AP (<c>AT+CWSAP=...</c>) without touching the run mode.</summary>
        public void ConfigureSoftAp(SoftApSettings settings)
        {
            CheckSoftAp(settings);
            var cmd = Command(WifiCommands.SoftAp).AppendQuoted(settings.Ssid, "ssid").Append(",")
                .AppendQuoted(settings.Password, "password").Append(",").Append(settings.Channel).Append(",")
                .Append((int)settings.AuthMode).Append(",").Append(settings.MaxConnections).Append(",").Append(settings.Hidden ? 1 : 0);
            Run(cmd);
            lock (gate) softApSet = settings;
        }

        /// <summary>Stops the soft-AP (removes it from the run mode); the restore no longer starts it.</summary>
        public void StopSoftAp()
        {
            lock (gate)
            {
                softApSet = null;
                stations.Clear();
            }
            ClearMode(WifiMode.SoftAp);
        }

        /// <summary>True when the run mode includes the soft-AP (<c>AT+CWMODE?</c>).</summary>
        public bool IsSoftApActive
        {
            get { return (QueryMode() & WifiMode.SoftAp) != 0; }
        }

        /// <summary>
        /// The soft-AP configuration (<c>AT+CWSAP?</c>). The firmware prints the password in clear; it is dropped here
        /// (the returned <see cref="SoftApSettings.Password"/> is empty).
        /// </summary>
        public SoftApSettings QuerySoftAp()
        {
            // "<ssid>","<pwd>",<channel>,<ecn>,<max_conn>,<ssid_hidden>: ssid and password may hold commas.
            var text = Required(Execute(WifiCommands.SoftApQuery), WifiCommands.SoftApPrefix);
            var fields = ScanLineParser.SplitAround(text, 0, 4);
            if (fields == null) throw new FormatException("unexpected +CWSAP answer");
            // fields[0] is "<ssid>","<pwd>": the SSID ends at the first '","'. An SSID containing '","' is ambiguous.
            var head = fields[0];
            int split = head.IndexOf("\",\"");
            string ssid = split > 0 ? head.Substring(1, split - 1) : WifiText.Unquote(head);
            return new SoftApSettings(ssid, "", WifiText.ParseInt(fields[1], "CWSAP channel"),
                (WifiAuthMode)WifiText.ParseInt(fields[2], "CWSAP ecn"), WifiText.ParseInt(fields[3], "CWSAP max_conn"),
                WifiText.ParseInt(fields[4], "CWSAP hidden") == 1);
        }

        /// <summary>The stations the soft-AP's DHCP server serves (<c>AT+CWLIF</c>).</summary>
        public StationInfo[] ListStations()
        {
            var response = Execute(WifiCommands.StationList);
            var list = new ArrayList();
            for (int i = 0; i < response.LineCount; i++)
            {
                // +CWLIF:<ip>,<mac>  (unquoted)
                var line = response.GetLine(i);
                if (!WifiText.StartsWith(line, WifiCommands.StationListPrefix)) continue;
                var rest = line.Substring(WifiCommands.StationListPrefix.Length);
                int comma = rest.IndexOf(',');
                if (comma < 0) continue;
                var mac = WifiText.ParseMac(WifiText.Unquote(rest.Substring(comma + 1).Trim()));
                if (mac == null) continue;
                list.Add(new StationInfo(mac, WifiText.ParseIPv4(WifiText.Unquote(rest.Substring(0, comma)))));
            }
            var result = new StationInfo[list.Count];
            list.CopyTo(result);
            return result;
        }

        private static void CheckSoftAp(SoftApSettings s)
        {
            if (s == null) throw new ArgumentNullException("settings");
            if (s.Ssid == null) throw new ArgumentNullException("settings", "the soft-AP needs an SSID");
            int ssidBytes = Encoding.UTF8.GetBytes(s.Ssid).Length;
            if (ssidBytes < 1 || ssidBytes > 32) throw new ArgumentException("the SSID must be 1 to 32 bytes", "settings");
            if (s.Channel < 1 || s.Channel > 14) throw new ArgumentOutOfRangeException("settings", "channel must be 1 to 14");
            if (s.MaxConnections < 1 || s.MaxConnections > 10) throw new ArgumentOutOfRangeException("settings", "max connections must be 1 to 10");
            var mode = s.AuthMode;
            if (mode == WifiAuthMode.Open)
            {
                if (s.Password.Length != 0) throw new ArgumentException("an open soft-AP takes no password", "settings");
                return;
            }
            if (mode != WifiAuthMode.WpaPsk && mode != WifiAuthMode.Wpa2Psk && mode != WifiAuthMode.WpaWpa2Psk)
                throw new ArgumentException("the soft-AP supports open, WPA, WPA2 and WPA/WPA2 only", "settings");
            int pwdBytes = Encoding.UTF8.GetBytes(s.Password).Length;
            if (pwdBytes < 8 || pwdBytes > 64) throw new ArgumentException("a secured soft-AP needs a password of 8 to 64 bytes", "settings");
        }
    }
}
