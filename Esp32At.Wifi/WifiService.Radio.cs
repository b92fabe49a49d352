using System;
using System.Text;

namespace Esp32At.Wifi
{
    // Radio-wide settings: mode, on/off, host name, MACs, TX power, country.
    public sealed partial class WifiService
    {
        private int modeSet = -1;           // -1: never set by us
        private string hostnameSet;
        private byte[] stationMacSet;
        private byte[] softApMacSet;
        private int txPowerSet = -1;
        private int modeBeforeOff = -1;     // before v3.2: the run mode Enabled = false replaced with CWMODE=0
        private CountrySettings countrySet;

        /// <summary>The run mode (<c>AT+CWMODE?</c>).</summary>
        public WifiMode QueryMode()
        {
            return (WifiMode)WifiText.ParseInt(Required(Execute(WifiCommands.ModeQuery), WifiCommands.ModePrefix), "CWMODE");
        }

        /// <summary>Sets the run mode (<c>AT+CWMODE=&lt;mode&gt;</c>); remembered for the restore.</summary>
        public void SetMode(WifiMode mode)
        {
            if ((int)mode < 0 || (int)mode > 3) throw new ArgumentOutOfRangeException("mode");
            Run(Command(WifiCommands.Mode).Append((int)mode));
            lock (gate) modeSet = (int)mode;
        }

        /// <summary>Adds <paramref name="bits"/> to the run mode when missing (one query, one set at most).</summary>
        public void EnsureMode(WifiMode bits)
        {
            var mode = QueryMode();
            if ((mode & bits) != bits) SetMode(mode | bits);
            else lock (gate) modeSet = (int)mode;
        }

        /// <summary>Removes <paramref name="bits"/> from the run mode when present.</summary>
        public void ClearMode(WifiMode bits)
        {
            var mode = QueryMode();
            if ((mode & bits) != 0) SetMode(mode & ~bits);
        }

        /// <summary>True when the firmware has <c>AT+CWINIT</c> (v3.2+) to switch Wi-Fi off; before, <see cref="Enabled"/> uses the run mode.</summary>
        public bool CanDisable
        {
            get
            {
                var caps = device.Capabilities;
                return caps != null && caps.Version.AtLeast(3, 2) && caps.Has("CWINIT");
            }
        }

        /// <summary>
        /// Whether Wi-Fi is on: <c>AT+CWINIT</c> from v3.2. Before v3.2 (no CWINIT) off is the run mode
        /// <c>AT+CWMODE=0</c> (Espressif: "Null mode. Wi-Fi RF will be disabled"): setting false remembers the run mode
        /// and sets 0, setting true sets the remembered one back (station when there is none), and the getter reads
        /// false whenever the run mode is 0.
        /// </summary>
        public bool Enabled
        {
            get
            {
                if (!CanDisable) return QueryMode() != WifiMode.Off;
                return Required(Execute(WifiCommands.InitQuery), WifiCommands.InitPrefix).Trim() == "1";
            }
            set
            {
                if (!CanDisable)
                {
                    var mode = QueryMode();
                    if (value == (mode != WifiMode.Off)) return;
                    int back;
                    lock (gate)
                    {
                        back = modeBeforeOff;
                        if (!value) modeBeforeOff = (int)mode;
                    }
                    SetMode(value ? (back > 0 ? (WifiMode)back : WifiMode.Station) : WifiMode.Off);
                }
                else Run(Command(WifiCommands.Init).Append(value ? 1 : 0));
                if (!value) lock (gate) { state = StationState.NotStarted; stations.Clear(); }
            }
        }

        /// <summary>The station host name (<c>AT+CWHOSTNAME?</c>).</summary>
        public string QueryHostname()
        {
            return Required(Execute(WifiCommands.HostnameQuery), WifiCommands.HostnamePrefix);
        }

        /// <summary>Sets the station host name (1-32 bytes, letters, digits, '-'; needs station mode); remembered for the restore.</summary>
        public void SetHostname(string hostname)
        {
            CheckHostname(hostname, 32);
            Run(Command(WifiCommands.Hostname).AppendQuoted(hostname, "hostname"));
            lock (gate) hostnameSet = hostname;
        }

        /// <summary>Checks a DNS host label: 1..<paramref name="maxBytes"/> of letters, digits and '-', not starting or ending with '-'.</summary>
        public static void CheckHostname(string hostname, int maxBytes)
        {
            if (hostname == null) throw new ArgumentNullException("hostname");
            if (hostname.Length < 1 || Encoding.UTF8.GetBytes(hostname).Length > maxBytes)
                throw new ArgumentException("hostname must be 1 to " + maxBytes + " characters", "hostname");
            for (int i = 0; i < hostname.Length; i++)
            {
                char c = hostname[i];
                bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || (c == '-' && i > 0 && i < hostname.Length - 1);
                if (!ok) throw new ArgumentException("hostname may hold letters, digits and inner '-' only", "hostname");
            }
        }

        /// <summary>The station MAC (<c>AT+CIPSTAMAC?</c>), 6 bytes.</summary>
        public byte[] QueryStationMac()
        {
            return ParseMacAnswer(Execute(WifiCommands.StationMacQuery).Find(WifiCommands.StationMacPrefix));
        }

        /// <summary>The soft-AP MAC (<c>AT+CIPAPMAC?</c>), 6 bytes.</summary>
        public byte[] QuerySoftApMac()
        {
            return ParseMacAnswer(Execute(WifiCommands.SoftApMacQuery).Find(WifiCommands.SoftApMacPrefix));
        }

        /// <summary>Sets the station MAC (unicast, not all 0 or all FF, different from the soft-AP's); remembered for the restore.</summary>
        public void SetStationMac(byte[] mac)
        {
            CheckMac(mac);
            Run(Command(WifiCommands.StationMac).AppendQuoted(WifiText.FormatMac(mac), "mac"));
            lock (gate) stationMacSet = Copy(mac);
        }

        /// <summary>Sets the soft-AP MAC (same rules as the station's); remembered for the restore.</summary>
        public void SetSoftApMac(byte[] mac)
        {
            CheckMac(mac);
            Run(Command(WifiCommands.SoftApMac).AppendQuoted(WifiText.FormatMac(mac), "mac"));
            lock (gate) softApMacSet = Copy(mac);
        }

        /// <summary>Wi-Fi TX power in 0.25 dBm units (<c>AT+RFPOWER?</c>, first field).</summary>
        public int QueryTxPower()
        {
            var text = Required(Execute(WifiCommands.TxPowerQuery), WifiCommands.TxPowerPrefix);
            int comma = text.IndexOf(',');
            return WifiText.ParseInt(comma < 0 ? text : text.Substring(0, comma), "RFPOWER");
        }

        /// <summary>
        /// Sets the Wi-Fi TX power in 0.25 dBm units, clamped to the firmware's 40..84 (10 to 21 dBm; C3/C6 cap at 80);
        /// returns the value sent. Not kept by the ESP: remembered for the restore.
        /// </summary>
        public int SetTxPower(int quarterDbm)
        {
            if (quarterDbm < 40) quarterDbm = 40;
            if (quarterDbm > 84) quarterDbm = 84;
            Run(Command(WifiCommands.TxPower).Append(quarterDbm));
            lock (gate) txPowerSet = quarterDbm;
            return quarterDbm;
        }

        /// <summary>The regulatory domain (<c>AT+CWCOUNTRY?</c>).</summary>
        public CountrySettings QueryCountry()
        {
            // <policy>,"<cc>",<start>,<count>[,...]
            var parts = Required(Execute(WifiCommands.CountryQuery), WifiCommands.CountryPrefix).Split(',');
            if (parts.Length < 4) throw new FormatException("unexpected +CWCOUNTRY answer");
            return new CountrySettings(WifiText.ParseInt(parts[0], "CWCOUNTRY policy") == 1, WifiText.Unquote(parts[1]),
                WifiText.ParseInt(parts[2], "CWCOUNTRY start"), WifiText.ParseInt(parts[3], "CWCOUNTRY count"));
        }

        /// <summary>Sets the regulatory domain (<c>AT+CWCOUNTRY=&lt;policy&gt;,"&lt;cc&gt;",&lt;start&gt;,&lt;count&gt;</c>); remembered for the restore.</summary>
        public void SetCountry(CountrySettings country)
        {
            if (country == null) throw new ArgumentNullException("country");
            if (country.Code == null || country.Code.Length != 2) throw new ArgumentException("the country code has two letters", "country");
            if (country.StartChannel < 1 || country.StartChannel > 14) throw new ArgumentOutOfRangeException("country", "start channel 1 to 14");
            if (country.ChannelCount < 1 || country.StartChannel + country.ChannelCount > 15) throw new ArgumentOutOfRangeException("country", "channels beyond 14");
            Run(Command(WifiCommands.Country).Append(country.Manual ? "1," : "0,").AppendQuoted(country.Code, "code")
                .Append(",").Append(country.StartChannel).Append(",").Append(country.ChannelCount));
            lock (gate) countrySet = country;
        }

        private static byte[] ParseMacAnswer(string text)
        {
            var mac = WifiText.ParseMac(WifiText.Unquote(text));
            if (mac == null) throw new FormatException("unexpected MAC answer: " + text);
            return mac;
        }

        private static void CheckMac(byte[] mac)
        {
            WifiText.CheckLength(mac, 6, "mac");
            if ((mac[0] & 1) != 0) throw new ArgumentException("a MAC must be unicast (bit 0 of the first byte clear)", "mac");
            bool zero = true, ones = true;
            for (int i = 0; i < 6; i++)
            {
                if (mac[i] != 0) zero = false;
                if (mac[i] != 0xFF) ones = false;
            }
            if (zero || ones) throw new ArgumentException("a MAC must not be all 00 or all FF", "mac");
        }

        private static byte[] Copy(byte[] data)
        {
            var copy = new byte[data.Length];
            Array.Copy(data, copy, data.Length);
            return copy;
        }
    }
}
