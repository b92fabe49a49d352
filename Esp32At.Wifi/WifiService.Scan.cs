using System;
using System.Collections;
using Esp32At.Engine;

namespace Esp32At.Wifi
{
    // Scanning: AT+CWLAP and AT+CWLAPOPT.
    public sealed partial class WifiService
    {
        private int scanMask = ScanLineParser.FullMask;
        private int scanRssiFilter = -100;
        private int scanAuthModeMask = 0xFFFF;
        private bool scanOptionsSet;

        /// <summary>Scans all channels (<c>AT+CWLAP</c>, a few seconds). Needs station mode.</summary>
        public AccessPointInfo[] Scan()
        {
            return ScanResponse(Command(WifiCommands.Scan));
        }

        /// <summary>
        /// Scans for one SSID, one BSSID and/or one channel (<c>AT+CWLAP=["ssid"][,"mac"][,channel]</c>); null / 0 leaves
        /// a filter out.
        /// </summary>
        public AccessPointInfo[] Scan(string ssid, byte[] bssid, int channel)
        {
            if (ssid == null && bssid == null && channel == 0) return Scan();
            if (channel < 0 || channel > 14) throw new ArgumentOutOfRangeException("channel", "channel must be 1 to 14 (0 = all)");
            var cmd = Command(WifiCommands.ScanWith);
            if (ssid != null) cmd.AppendQuoted(ssid, "ssid");
            if (bssid != null || channel != 0)
            {
                cmd.Append(",");
                if (bssid != null) cmd.AppendQuoted(WifiText.FormatMac(bssid), "bssid");
            }
            if (channel != 0) cmd.Append(",").Append(channel);
            return ScanResponse(cmd);
        }

        /// <summary>
        /// Chooses the fields scans print and filters them (<c>AT+CWLAPOPT=1,&lt;mask&gt;[,&lt;rssi&gt;][,&lt;authmodes&gt;]</c>):
        /// <paramref name="printMask"/> bits 0-10 select ecn, ssid, rssi, mac, channel, freq_offset, freqcal_val,
        /// pairwise, group, bgn, wps; networks weaker than <paramref name="minRssi"/> (-100..40) or whose
        /// <see cref="WifiAuthMode"/> bit is clear in <paramref name="authModeMask"/> are left out.
        /// </summary>
        public void SetScanOptions(int printMask, int minRssi, int authModeMask)
        {
            if ((printMask & ~ScanLineParser.FullMask) != 0 || printMask == 0) throw new ArgumentOutOfRangeException("printMask", "bits 0-10, at least one");
            if (minRssi < -100 || minRssi > 40) throw new ArgumentOutOfRangeException("minRssi", "-100 to 40 dBm");
            var cmd = Command(WifiCommands.ScanOptions).Append("1,").Append(printMask);
            if (minRssi != -100 || authModeMask != 0xFFFF) cmd.Append(",").Append(minRssi);
            if (authModeMask != 0xFFFF) cmd.Append(",").Append(authModeMask);
            Run(cmd);
            lock (gate)
            {
                scanMask = printMask;
                scanRssiFilter = minRssi;
                scanAuthModeMask = authModeMask;
                scanOptionsSet = true;
            }
        }

        private AccessPointInfo[] ScanResponse(AtCommandBuffer cmd)
        {
            var response = Run(cmd, ScanTimeoutMs, true);
            int mask;
            lock (gate) mask = scanMask;
            var list = new ArrayList();
            for (int i = 0; i < response.LineCount; i++)
            {
                var line = response.GetLine(i);
                if (!WifiText.StartsWith(line, WifiCommands.ScanPrefix)) continue;
                var info = ScanLineParser.Parse(line.Substring(WifiCommands.ScanPrefix.Length), mask);
                if (info != null) list.Add(info);
            }
            var result = new AccessPointInfo[list.Count];
            list.CopyTo(result);
            return result;
        }

        private void RestoreScanOptions()
        {
            int mask, rssi, auth;
            lock (gate)
            {
                if (!scanOptionsSet) return;
                mask = scanMask;
                rssi = scanRssiFilter;
                auth = scanAuthModeMask;
            }
            SetScanOptions(mask, rssi, auth);
        }
    }
}
