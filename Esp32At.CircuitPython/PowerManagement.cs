namespace Esp32At.CircuitPython
{
    /// <summary><c>wifi.PowerManagement</c>: the station's power save (CircuitPython's values), <see cref="Radio.PowerManagement"/>.</summary>
    public enum PowerManagement
    {
        /// <summary>No power save: the station does not sleep (<c>AT+SLEEP=0</c>).</summary>
        None = 0,
        /// <summary>Minimum: the station wakes for every DTIM beacon (<c>AT+SLEEP=1</c>, the ESP's default).</summary>
        Min = 1,
        /// <summary>Maximum: the station wakes by its listen interval (<c>AT+SLEEP=3</c>; the interval is AT+CWJAP's, 3 beacons unless set).</summary>
        Max = 2,
        /// <summary>Cannot be determined: the ESP is in light-sleep (<c>AT+SLEEP=2</c>), or v2.2 (no query) before a set.</summary>
        Unknown = 3
    }
}
