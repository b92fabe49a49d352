using System.Diagnostics;

namespace Esp32At.Emulator.Core;

/// <summary>
/// How long the firmware typically spends processing a command before it acts (firmware milliseconds, scaled by the
/// <see cref="EmulatorClock"/>), so throughput measured through the emulator at speed 1 resembles a real module.
/// Spec §8: simple commands take under 10 ms; network waits (join, scan, DNS, connect) are modelled by the commands
/// themselves and not counted here.
/// <para>
/// CIPSEND's 2 ms (command line in → <c>OK</c>/<c>&gt;</c> out): Espressif publishes no per-command time; the two
/// timestamped traces found agree with about 2 ms (docs/performance.md, "Why UDP send stops where it does": an
/// ESP8266 AT 1.x log, MaJerle/ESP8266_AT_Commands_parser#17, 1.6-1.9 ms from the line written to <c>OK</c> including
/// its wire time; an ESP32 ESP-AT log, zephyrproject-rtos/zephyr#69530, 5.0 ms for a 30-byte line, 1.9 ms once the
/// line's and the answer's wire time are taken off at 115200, the rate not stated). Change it with <see cref="Set"/>, <see cref="EmulatorOptions.CommandLatency"/> or the CLI's
/// <c>--latency</c>.
/// </para>
/// <para>
/// The time counts from the moment the command line's last byte arrived on the wire (<see cref="DueAt"/>), not from
/// when the emulator's threads got to it, and the answer is held on the wire until then, so thread start-up and sleep
/// granularity do not add to the model (they did: 0.45-0.6 ms a command).
/// </para>
/// </summary>
public sealed class CommandLatency
{
    /// <summary>Processing time of a command not in the table.</summary>
    public const int DefaultMs = 1;

    // How early the command thread may wake before the due time (1.5 ms: starting its thread takes 0.2 ms, a monitor wait
    // overshoots by 0.1-0.2 ms on an idle machine and more on a loaded one; at 0.5 ms they were 0.1-0.17 ms late on
    // average); the port holds its answer until the due time, so only the command's side effects may come early.
    private static readonly long WakeEarlyTicks = Stopwatch.Frequency * 3 / 2000;

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
        ["CIPSEND"] = 2,     // socket lookup before the prompt (see the class remarks for the evidence)
        ["CIPSENDL"] = 2,
        ["CIPCLOSE"] = 5,    // FIN handshake with the peer
        ["CIPSTART"] = 3,
    };

    private long commands, lateTicks, maxLateTicks;

    /// <summary>The processing time of command <paramref name="name"/> (without <c>AT+</c>; <c>""</c> for <c>AT</c>).</summary>
    public int For(string name)
    {
        lock (table) return table.TryGetValue(name, out int ms) ? ms : DefaultMs;
    }

    /// <summary>Sets the processing time of command <paramref name="name"/> (e.g. to model a slower firmware).</summary>
    public void Set(string name, int ms)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(ms);
        lock (table) table[name] = ms;
    }

    /// <summary>
    /// Applies <c>NAME=ms[,NAME=ms...]</c> (e.g. <c>CIPSEND=1,CIPRECVDATA=1</c>; <c>AT</c> for the bare <c>AT</c>);
    /// throws <see cref="FormatException"/> for a malformed entry.
    /// </summary>
    public void Apply(string settings)
    {
        foreach (var entry in settings.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = entry.Split('=', 2);
            if (parts.Length != 2 || !int.TryParse(parts[1], out int ms) || ms < 0)
                throw new FormatException($"command latency '{entry}': expected NAME=milliseconds");
            string name = parts[0].StartsWith("AT+", StringComparison.OrdinalIgnoreCase) ? parts[0][3..] : parts[0];
            Set(name.Equals("AT", StringComparison.OrdinalIgnoreCase) ? "" : name.ToUpperInvariant(), ms);
        }
    }

    /// <summary>
    /// The Stopwatch timestamp at which command <paramref name="name"/>, whose line had arrived at
    /// <paramref name="arrivedAt"/>, has finished its processing time at clock speed <paramref name="speedFactor"/>.
    /// </summary>
    public long DueAt(string name, long arrivedAt, double speedFactor) =>
        arrivedAt + (long)Math.Round(For(name) * speedFactor * Stopwatch.Frequency / 1000);

    /// <summary>The last command scheduled: its name, when its line arrived and when its processing time ends.</summary>
    public (string Name, long ArrivedAt, long DueAt) Last { get { lock (table) return last; } }
    private (string, long, long) last = ("", 0, 0);

    /// <summary>Commands scheduled so far, and how late their threads reached the due time (mean and worst, in µs).</summary>
    public (long Commands, double MeanLateUs, double MaxLateUs) Lateness
    {
        get
        {
            lock (table)
                return (commands, commands == 0 ? 0 : lateTicks * 1e6 / Stopwatch.Frequency / commands, maxLateTicks * 1e6 / Stopwatch.Frequency);
        }
    }

    /// <summary>
    /// Waits the processing time of <paramref name="name"/> counted from <paramref name="arrivedAt"/> (nothing at speed
    /// 0): sleeps until shortly before the due time and has <paramref name="port"/> hold the answer until it.
    /// </summary>
    internal void Wait(string name, long arrivedAt, EmulatorClock clock, Transports.InProcessPort port)
    {
        if (clock.SpeedFactor <= 0) return;
        long due = DueAt(name, arrivedAt, clock.SpeedFactor);
        clock.DelayUntil(For(name), due - WakeEarlyTicks);
        if (!port.HoldOutputUntil(due)) clock.DelayUntil(0, due); // not paced: nothing to hold the answer, wait it out
        long late = Math.Max(0, Stopwatch.GetTimestamp() - due);
        lock (table)
        {
            last = (name, arrivedAt, due);
            commands++;
            lateTicks += late;
            maxLateTicks = Math.Max(maxLateTicks, late);
        }
    }
}
