namespace Esp32At.CircuitPython
{
    /// <summary>When <see cref="Wifi.Init"/> resets the ESP (the seed's RESET_NEVER / RESET_ON_FAILURE / RESET_ALWAYS).</summary>
    public enum ResetPolicy
    {
        /// <summary>Never.</summary>
        Never = 0,
        /// <summary>Only when it does not answer (then initialisation is tried once more).</summary>
        OnFailure = 1,
        /// <summary>Before initialising, every time.</summary>
        Always = 2
    }
}
