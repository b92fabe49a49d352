using System.Collections;
using System.Threading;
using Esp32At.Engine;

namespace Esp32At.Wifi
{
    // The URC-driven state: station connection state, soft-AP stations, SNTP updates.
    public sealed partial class WifiService
    {
        private StationState state = StationState.NotStarted;
        private readonly ArrayList stations = new ArrayList(); // StationInfo, by join order
        private readonly AutoResetEvent timeUpdated = new AutoResetEvent(false);
        private readonly AutoResetEvent stateChanged = new AutoResetEvent(false);

        /// <summary>Raised when the station associated (<c>WIFI CONNECTED</c>). On the pump thread.</summary>
        public event WifiEventHandler Connected;

        /// <summary>Raised when the station got an IPv4 address (<c>WIFI GOT IP</c>). On the pump thread.</summary>
        public event WifiEventHandler GotIp;

        /// <summary>Raised when the station lost its network (<c>WIFI DISCONNECT</c>, once per episode). On the pump thread.</summary>
        public event WifiEventHandler Disconnected;

        /// <summary>Raised when a station joined the soft-AP. On the pump thread.</summary>
        public event WifiStationEventHandler StationJoined;

        /// <summary>Raised when the soft-AP's DHCP server gave a station an address. On the pump thread.</summary>
        public event WifiStationEventHandler StationGotAddress;

        /// <summary>Raised when a station left the soft-AP. On the pump thread.</summary>
        public event WifiStationEventHandler StationLeft;

        /// <summary>Raised when SNTP set the ESP's clock (<c>+TIME_UPDATED</c>). On the pump thread.</summary>
        public event WifiEventHandler TimeUpdated;

        /// <summary>
        /// The station state as the URCs told it (no AT traffic): <see cref="StationState.GotIp"/> after <c>WIFI GOT IP</c>,
        /// <see cref="StationState.Disconnected"/> after <c>WIFI DISCONNECT</c>, <see cref="StationState.NotStarted"/> after a reboot.
        /// </summary>
        public StationState State
        {
            get { lock (gate) return state; }
        }

        /// <summary>The stations on the soft-AP as the URCs told them (no AT traffic); see also <see cref="ListStations"/>.</summary>
        public StationInfo[] Stations
        {
            get
            {
                lock (gate)
                {
                    var list = new StationInfo[stations.Count];
                    stations.CopyTo(list);
                    return list;
                }
            }
        }

        /// <summary>Waits until the URCs report <paramref name="wanted"/>; false on timeout.</summary>
        public bool WaitForState(StationState wanted, int timeoutMs)
        {
            long deadline = System.DateTime.UtcNow.Ticks + timeoutMs * System.TimeSpan.TicksPerMillisecond;
            while (true)
            {
                if (State == wanted) return true;
                long left = (deadline - System.DateTime.UtcNow.Ticks) / System.TimeSpan.TicksPerMillisecond;
                if (left <= 0) return false;
                stateChanged.WaitOne((int)left, false);
            }
        }

        /// <summary>Waits for the next <c>+TIME_UPDATED</c> (since the last SNTP configuration); false on timeout.</summary>
        public bool WaitForTimeUpdate(int timeoutMs)
        {
            return timeUpdated.WaitOne(timeoutMs, false);
        }

        private void SetState(StationState value, WifiEventHandler handler)
        {
            lock (gate) state = value;
            // Listeners first: a caller woken by WaitForState then sees their effects.
            if (handler != null) handler(this);
            stateChanged.Set();
        }

        private void OnConnectedUrc(byte[] line, int length) { SetState(StationState.Connected, Connected); }

        private void OnGotIpUrc(byte[] line, int length) { SetState(StationState.GotIp, GotIp); }

        private void OnDisconnectUrc(byte[] line, int length) { SetState(StationState.Disconnected, Disconnected); }

        // +STA_CONNECTED:"aa:bb:cc:dd:ee:ff"
        private void OnStationJoinedUrc(byte[] line, int length)
        {
            var mac = WifiText.ParseMac(WifiText.Unquote(LineText(line, length).Substring(WifiCommands.StationJoinedUrc.Length)));
            if (mac == null) return;
            StationInfo station;
            lock (gate)
            {
                station = FindStation(mac);
                if (station == null)
                {
                    station = new StationInfo(mac, null);
                    stations.Add(station);
                }
            }
            var handler = StationJoined;
            if (handler != null) handler(this, station);
        }

        // +DIST_STA_IP:"aa:bb:cc:dd:ee:ff","192.168.4.2"
        private void OnStationAddressUrc(byte[] line, int length)
        {
            var text = LineText(line, length).Substring(WifiCommands.StationAddressUrc.Length);
            int comma = text.IndexOf(',');
            if (comma < 0) return;
            var mac = WifiText.ParseMac(WifiText.Unquote(text.Substring(0, comma)));
            var address = WifiText.ParseIPv4(WifiText.Unquote(text.Substring(comma + 1)));
            if (mac == null || address == null) return;
            StationInfo station;
            lock (gate)
            {
                station = FindStation(mac);
                if (station == null)
                {
                    station = new StationInfo(mac, address);
                    stations.Add(station);
                }
                station.Address = address;
            }
            var handler = StationGotAddress;
            if (handler != null) handler(this, station);
        }

        // +STA_DISCONNECTED:"aa:bb:cc:dd:ee:ff"
        private void OnStationLeftUrc(byte[] line, int length)
        {
            var mac = WifiText.ParseMac(WifiText.Unquote(LineText(line, length).Substring(WifiCommands.StationLeftUrc.Length)));
            if (mac == null) return;
            StationInfo station;
            lock (gate)
            {
                station = FindStation(mac);
                if (station != null) stations.Remove(station);
            }
            var handler = StationLeft;
            if (handler != null && station != null) handler(this, station);
        }

        private void OnTimeUpdatedUrc(byte[] line, int length)
        {
            timeUpdated.Set();
            var handler = TimeUpdated;
            if (handler != null) handler(this);
        }

        // A rebooted ESP has no network and no stations; the restore brings the network back.
        private void OnRebooted(AtExecutor sender)
        {
            lock (gate)
            {
                state = StationState.NotStarted;
                stations.Clear();
            }
            stateChanged.Set();
        }

        private StationInfo FindStation(byte[] mac)
        {
            for (int i = 0; i < stations.Count; i++)
            {
                var s = (StationInfo)stations[i];
                bool same = true;
                for (int k = 0; k < 6; k++) if (s.Mac[k] != mac[k]) same = false;
                if (same) return s;
            }
            return null;
        }
    }
}
