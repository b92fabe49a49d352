using System;

namespace Esp32At.Wifi
{
    // The ESP's Wi-Fi power save: AT+SLEEP.
    public sealed partial class WifiService
    {
        /// <summary>No sleep (<c>AT+SLEEP=0</c>).</summary>
        public const int SleepNone = 0;

        /// <summary>Modem-sleep: the RF wakes for the AP's DTIM beacons (<c>AT+SLEEP=1</c>).</summary>
        public const int SleepModemDtim = 1;

        /// <summary>Light-sleep: the CPU sleeps too, RF by the listen interval (<c>AT+SLEEP=2</c>).</summary>
        public const int SleepLight = 2;

        /// <summary>Modem-sleep by the listen interval of <c>AT+CWJAP</c> (<c>AT+SLEEP=3</c>).</summary>
        public const int SleepModemListenInterval = 3;

        private int sleepSet = -1; // -1: never set by us

        /// <summary>
        /// The ESP's sleep mode (<c>AT+SLEEP?</c>, v2.3+): <see cref="SleepNone"/>, <see cref="SleepModemDtim"/>,
        /// <see cref="SleepLight"/> or <see cref="SleepModemListenInterval"/>. Firmware before v2.3 has no query form:
        /// then the mode this service last set, or -1.
        /// </summary>
        public int QuerySleepMode()
        {
            if (!device.Capabilities.Version.AtLeast(2, 3)) lock (gate) return sleepSet;
            return WifiText.ParseInt(Required(Execute(WifiCommands.SleepQuery), WifiCommands.SleepPrefix), "SLEEP");
        }

        /// <summary>
        /// Sets the sleep mode (<c>AT+SLEEP=&lt;mode&gt;</c>, 0 to 3). The firmware refuses 1-3 while the soft-AP runs
        /// (<see cref="Engine.AtCommandException"/>). Light-sleep stops the ESP hearing the UART unless a wake-up source
        /// was configured (<c>AT+SLEEPWKCFG</c>, not offered here). Not kept by the ESP: remembered for the restore.
        /// </summary>
        public void SetSleepMode(int mode)
        {
            if (mode < SleepNone || mode > SleepModemListenInterval) throw new ArgumentOutOfRangeException("mode", "0 to 3");
            Run(Command(WifiCommands.Sleep).Append(mode));
            lock (gate) sleepSet = mode;
        }
    }
}
