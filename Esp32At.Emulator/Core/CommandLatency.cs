namespace Esp32At.Emulator.Core;

/// <summary>
/// How long the firmware typically spends processing a command before it acts (firmware milliseconds, scaled by the
/// <see cref="EmulatorClock"/>), so throughput measured through the emulator at speed 1 resembles a real module.
/// Spec §8: simple commands take under 10 ms; network waits (join, scan, DNS, connect) are modelled by the commands
/// themselves and not counted here.
/// </summary>
public sealed class CommandLatency
{
    /// <summary>Processing time of a command not in the table.</summary>
    public const int DefaultMs = 1;

    private readonly Dictionary<string, int> table = new(StringComparer.Ordinal)
    {
        [""] = 1,          // AT
        ["GMR"] = 3,       // formats several version strings
        ["CMD"] = 8,       // lists every command
        ["SYSRAM"] = 2,
        ["UART_CUR"] = 2,
        ["UART_DEF"] = 5,  // writes NVS
        ["SYSSTORE"] = 2,
        ["CWMODE"] = 5,    // reconfigures the Wi-Fi driver
        ["CIPMUX"] = 1,
        ["CIPSTATE"] = 2,
        ["CIPSTATUS"] = 2,
        ["CIPRECVLEN"] = 1,
        ["CIPRECVDATA"] = 2, // copies out of the lwIP buffer
        ["CIPSEND"] = 2,     // socket lookup before the prompt
        ["CIPSENDL"] = 2,
        ["CIPCLOSE"] = 5,    // FIN handshake with the peer
        ["CIPSTART"] = 3,
    };

    /// <summary>The processing time of command <paramref name="name"/> (without <c>AT+</c>; <c>""</c> for <c>AT</c>).</summary>
    public int For(string name)
    {
        lock (table) return table.TryGetValue(name, out int ms) ? ms : DefaultMs;
    }

    /// <summary>Sets the processing time of command <paramref name="name"/> (e.g. to model a slower firmware).</summary>
    public void Set(string name, int ms)
    {
        lock (table) table[name] = ms;
    }

    /// <summary>Waits the processing time of <paramref name="name"/> on <paramref name="clock"/> (nothing at speed 0).</summary>
    internal void Wait(string name, EmulatorClock clock)
    {
        if (clock.SpeedFactor > 0) clock.Delay(For(name));
    }
}
