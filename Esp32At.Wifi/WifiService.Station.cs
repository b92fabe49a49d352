using System;
using System.Text;
using Esp32At.Engine;

namespace Esp32At.Wifi
{
    // Station: join, leave, state, the joined network.
    public sealed partial class WifiService
    {
        private string joinSsid;     // what the restore joins again; null when not joined by us
        private string joinPassword;
        private byte[] joinBssid;
        private int joinTimeoutSeconds;

        /// <summary>
        /// Joins <paramref name="ssid"/> and returns once the station has an IPv4 address (CWJAP's OK follows
        /// <c>WIFI GOT IP</c>). <paramref name="bssid"/> (6 bytes, or null) picks one access point;
        /// <paramref name="timeoutSeconds"/> (3-600, or 0 for the firmware's 15 s) bounds the attempt. The command is never
        /// resent on <c>busy p...</c>. The firmware keeps retrying in the background after a failure or a later loss.
        /// </summary>
        /// <exception cref="WifiJoinException">The ESP refused or failed the join; <see cref="WifiJoinException.Reason"/> says why.</exception>
        /// <exception cref="AtTimeoutException">No final answer in time.</exception>
        public void Join(string ssid, string password, byte[] bssid, int timeoutSeconds)
        {
            if (ssid == null) throw new ArgumentNullException("ssid");
            int ssidBytes = Encoding.UTF8.GetBytes(ssid).Length;
            if (ssidBytes < 1 || ssidBytes > 32) throw new ArgumentException("ssid must be 1 to 32 bytes", "ssid");
            if (password == null) password = "";
            if (Encoding.UTF8.GetBytes(password).Length > 64) throw new ArgumentException("password must be at most 64 bytes", "password");
            if (bssid != null) WifiText.CheckLength(bssid, 6, "bssid");
            if (timeoutSeconds != 0 && (timeoutSeconds < 3 || timeoutSeconds > 600))
                throw new ArgumentOutOfRangeException("timeoutSeconds", "the join timeout must be 3 to 600 s (0 = firmware default)");

            var cmd = Command(WifiCommands.Join).AppendQuoted(ssid, "ssid").Append(",").AppendQuoted(password, "password");
            if (bssid != null) cmd.Append(",").AppendQuoted(WifiText.FormatMac(bssid), "bssid");
            // jap_timeout is the 8th argument: bssid, pci_en, reconn_interval, listen_interval, scan_mode left at their defaults.
            if (timeoutSeconds != 0) cmd.Append(bssid != null ? ",,,,," : ",,,,,,").Append(timeoutSeconds);
            int seconds = timeoutSeconds != 0 ? timeoutSeconds : JoinDefaultSeconds;
            var response = new AtResponse();
            try
            {
                executor.Run(cmd.AppendLineEnd(), response, seconds * 1000 + JoinMarginMs, false);
            }
            catch (AtCommandException e)
            {
                if (e is AtTimeoutException || e is AtBusyException || e is AtRebootedException) throw;
                var code = response.Find(WifiCommands.JoinPrefix);
                int reason;
                if (code == null || !WifiText.TryParseInt(code, out reason) || reason < 1 || reason > 4) reason = 0;
                throw new WifiJoinException(e.Command, e.Code, (WifiJoinFailure)reason);
            }
            lock (gate)
            {
                joinSsid = ssid;
                joinPassword = password;
                joinBssid = bssid;
                joinTimeoutSeconds = timeoutSeconds;
                state = StationState.GotIp;
            }
        }

        /// <summary>Leaves the network and stops the firmware's reconnecting (<c>AT+CWQAP</c>); the restore no longer re-joins.</summary>
        public void Leave()
        {
            lock (gate)
            {
                joinSsid = null;
                joinPassword = null;
                joinBssid = null;
            }
            Execute(WifiCommands.Leave);
        }

        /// <summary>The SSID the service joined (and re-joins after a reboot), or null.</summary>
        public string JoinedSsid
        {
            get { lock (gate) return joinSsid; }
        }

        /// <summary>Asks the ESP for the station state (<c>AT+CWSTATE?</c>); <paramref name="ssid"/> gets the SSID it names ("" if none).</summary>
        public StationState QueryState(out string ssid)
        {
            // +CWSTATE:<state>,"<ssid>"
            var text = Required(Execute(WifiCommands.StateQuery), WifiCommands.StatePrefix);
            int comma = text.IndexOf(',');
            ssid = comma < 0 ? "" : WifiText.Unquote(text.Substring(comma + 1));
            return (StationState)WifiText.ParseInt(comma < 0 ? text : text.Substring(0, comma), "CWSTATE state");
        }

        /// <summary>True when the ESP says the station is connected with an IPv4 address (<c>AT+CWSTATE?</c> = 2).</summary>
        public bool IsConnected
        {
            get
            {
                string ssid;
                return QueryState(out ssid) == StationState.GotIp;
            }
        }

        /// <summary>
        /// The network the station is connected to (<c>AT+CWJAP?</c>: SSID, BSSID, channel, RSSI), or null when not
        /// connected. The security is not in that answer (<see cref="AccessPointInfo.AuthMode"/> is -1).
        /// </summary>
        public AccessPointInfo QueryJoinedNetwork()
        {
            var text = Execute(WifiCommands.JoinQuery).Find(WifiCommands.JoinPrefix);
            if (text == null) return null;
            // "<ssid>","<bssid>",<channel>,<rssi>,<pci_en>,<reconn_interval>,<listen_interval>,<scan_mode>,<pmf>: the SSID is
            // raw text (may hold commas), so the eight fields after it are taken from the right.
            var fields = ScanLineParser.SplitAround(text, 0, 8);
            if (fields == null) throw new FormatException("unexpected +CWJAP answer");
            var info = new AccessPointInfo();
            info.Ssid = WifiText.Unquote(fields[0]);
            info.Bssid = WifiText.ParseMac(WifiText.Unquote(fields[1]));
            info.Channel = WifiText.ParseInt(fields[2], "CWJAP channel");
            info.Rssi = WifiText.ParseInt(fields[3], "CWJAP rssi");
            return info;
        }

        /// <summary>
        /// Sets how the firmware reconnects after a loss (<c>AT+CWRECONNCFG</c>): every <paramref name="intervalSeconds"/>
        /// (0-7200; 0 = never), at most <paramref name="repeat"/> times (0-1000; 0 = forever).
        /// </summary>
        public void SetReconnect(int intervalSeconds, int repeat)
        {
            if (intervalSeconds < 0 || intervalSeconds > 7200) throw new ArgumentOutOfRangeException("intervalSeconds", "0 to 7200 s");
            if (repeat < 0 || repeat > 1000) throw new ArgumentOutOfRangeException("repeat", "0 to 1000");
            Run(Command(WifiCommands.ReconnectConfig).Append(intervalSeconds).Append(",").Append(repeat));
        }
    }
}
