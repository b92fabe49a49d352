using System.Text;
using Esp32At.Emulator.Commands;
using Esp32At.Emulator.Profiles;
using Esp32At.Emulator.Radio;
using Esp32At.Emulator.Transports;

namespace Esp32At.Emulator.Core;

/// <summary>
/// The emulated ESP running ESP-AT: the input state machine of spec §1.6 (idle/command, processing, data entry) over
/// a byte port, dispatching command lines to the <see cref="Commands"/> table. Commands run on their own thread, so
/// input that arrives meanwhile gets <c>busy p...</c> and is dropped, as on the real firmware.
/// </summary>
public sealed class EspEmulator : IDisposable
{
    private const int MaxLineLength = 256;
    private static readonly Encoding Latin1 = Encoding.Latin1;

    private readonly object gate = new();
    private readonly List<byte> line = new();
    private readonly Thread inputThread;
    private bool running = true;
    private InputState state = InputState.Booting;
    private DataEntry? entry; // where data-entry bytes go
    private int bootGeneration; // a command started before a reboot never answers after it

    /// <summary>
    /// Waits (at most <paramref name="timeoutMs"/>) until no command is running, so an asynchronous answer of the
    /// simulated network comes after the final result of the command that caused it, as the network's delay makes it
    /// on real hardware even when the emulator's clock runs at speed 0.
    /// </summary>
    public bool WaitUntilIdle(int timeoutMs)
    {
        var end = Environment.TickCount64 + timeoutMs;
        while (true)
        {
            lock (gate) if (state is InputState.Idle or InputState.Booting) return true;
            if (Environment.TickCount64 >= end) return false;
            Thread.Sleep(1);
        }
    }

    private enum InputState { Booting, Idle, Processing, DataEntry }

    public EspEmulator(EmulatorOptions? options = null)
    {
        Options = options ?? new EmulatorOptions();
        Clock = new EmulatorClock(Options.SpeedFactor);
        if (Options.CommandLatency is { } latency) Latency.Apply(latency);
        BasicCommands.Register(this);
        TcpIpSettingsCommands.Register(this);
        TcpOptCommands.Register(this);
        TcpIpLinkCommands.Register(this);
        TcpIpServerCommands.Register(this);
        SslCommands.Register(this);
        SysMfgCommands.Register(this);
        WifiCommands.Register(this);
        WifiSettingsCommands.Register(this);
        SoftApCommands.Register(this);
        NetServiceCommands.Register(this);
        TcpIpNameCommands.Register(this);
        PassthroughCommands.Register(this);
        SleepCommands.Register(this);
        Mqtt.MqttConfigCommands.Register(this);
        Mqtt.MqttConnectionCommands.Register(this);
        MqttLink = new Mqtt.MqttSession(this);
        Links = new Network.LinkTable(this);
        Faults = new Faults(this);
        Radio = new RadioControl(this);
        UartModel.Attach(this);
        inputThread = new Thread(InputLoop) { IsBackground = true, Name = "esp-at input" };
        inputThread.Start();
        new Thread(() => Boot(null)) { IsBackground = true }.Start();
    }

    public EmulatorOptions Options { get; }
    public FirmwareProfile Profile => Options.Profile;
    public EmulatorClock Clock { get; }
    public EmulatorState State { get; } = new();
    public CommandTable Commands { get; } = new();

    /// <summary>Typical processing time per command (scaled by <see cref="Clock"/>; <see cref="EmulatorOptions.CommandLatency"/> applied).</summary>
    public CommandLatency Latency { get; } = new();

    /// <summary>Fault switches for tests.</summary>
    public Faults Faults { get; }

    /// <summary>The simulated radio world: APs dropping out, soft-AP stations, ping times, network time.</summary>
    public RadioControl Radio { get; }

    /// <summary>The links (ids 0-4) and the real sockets behind them.</summary>
    public Network.LinkTable Links { get; }

    /// <summary>The firmware's MQTT link 0 (AT+MQTT*) and the real MQTT client behind it.</summary>
    public Mqtt.MqttSession MqttLink { get; }

    /// <summary>The manufacturing NVS (AT+SYSMFG: certificates); flash, so reboots keep it.</summary>
    public Network.MfgStore Mfg { get; } = Network.MfgStore.Factory();

    /// <summary>The settings saved in flash (SYSSTORE): applied at every boot, erased by AT+RESTORE.</summary>
    public NvsStore Nvs { get; } = new();

    /// <summary>The in-process line to the host.</summary>
    public InProcessPort Port { get; } = new();

    /// <summary>Raised once per boot, after <c>ready</c> was written.</summary>
    public event Action? Ready;

    /// <summary>Reboots now (a crash or brown-out): optional garbage, then <c>ready</c>; all settings back to power-on.</summary>
    public void Reboot(byte[]? garbage = null)
    {
        lock (gate)
        {
            state = InputState.Booting;
            bootGeneration++;
            (entry as PassthroughEntry)?.Abandon();
            entry = null; // a running data entry is abandoned
        }
        Links.DropAll();
        MqttLink.Drop(); // no MQTT DISCONNECT: the broker publishes the will
        new Thread(() => Boot(garbage)) { IsBackground = true }.Start();
    }

    /// <summary>Writes unsolicited or response text to the host in one write.</summary>
    public void Output(string text) => Port.EmulatorWrite(Latin1.GetBytes(text));

    /// <summary>Writes bytes to the host in one write.</summary>
    public void Output(byte[] bytes) => Port.EmulatorWrite(bytes);

    internal byte[] ReadData(int length, params string[] prompt)
    {
        var fixedLength = new FixedLengthEntry(length);
        ReadData(fixedLength, prompt);
        return fixedLength.Data;
    }

    /// <summary>Routes input to <paramref name="dataEntry"/>, writes the prompt and blocks until it is complete (or cancelled: <see cref="DataCanceledException"/>).</summary>
    internal void ReadData(DataEntry dataEntry, params string[] prompt)
    {
        BeginData(dataEntry, prompt);
        bool abandoned;
        lock (gate)
        {
            while (!dataEntry.Complete && !dataEntry.Canceled && running && ReferenceEquals(entry, dataEntry)) Monitor.Wait(gate, 100);
            abandoned = !dataEntry.Complete && !ReferenceEquals(entry, dataEntry); // rebooted meanwhile
        }
        EndData(dataEntry);
        if (dataEntry.Canceled || abandoned) throw new DataCanceledException();
    }

    /// <summary>Routes input to <paramref name="dataEntry"/> and writes the prompt; the command consumes it itself (streaming sends) and calls <see cref="EndData"/>.</summary>
    internal void BeginData(DataEntry dataEntry, params string[] prompt)
    {
        lock (gate)
        {
            entry = dataEntry;
            state = InputState.DataEntry;
            // The prompt goes out only once input is routed to the data buffer: the host may answer it at once.
            foreach (var write in prompt) Output(write);
        }
    }

    /// <summary>Input goes to <paramref name="passthrough"/> from now on (called right after the prompt went out).</summary>
    internal void EnterPassthrough(PassthroughEntry passthrough)
    {
        lock (gate)
        {
            entry = passthrough;
            state = InputState.DataEntry;
        }
    }

    /// <summary>
    /// Back to command mode after <c>+++</c> (no reply but <c>\r\n+QUITT\r\n</c> with SYSMSG bit0, spec §2.4). Under
    /// the input lock, so the next chunk the host sends is already a command.
    /// </summary>
    internal void LeavePassthrough(PassthroughEntry passthrough)
    {
        lock (gate)
        {
            if (!ReferenceEquals(entry, passthrough)) return;
            entry = null;
            state = InputState.Idle;
            Links.Passthrough = null;
            if ((State.SysMsg & 1) != 0) Output("\r\n+QUITT\r\n");
        }
    }

    /// <summary>Whether <paramref name="dataEntry"/> still receives the input (false after a reboot or disposal).</summary>
    internal bool IsCurrentEntry(DataEntry dataEntry)
    {
        lock (gate) return running && ReferenceEquals(entry, dataEntry);
    }

    /// <summary>Ends a data entry: further input is busy input again until the final result.</summary>
    internal void EndData(DataEntry? which = null)
    {
        lock (gate)
        {
            if (which is not null && !ReferenceEquals(entry, which)) return; // abandoned by a reboot; a newer entry may run
            if (state == InputState.DataEntry) state = InputState.Processing;
            entry = null;
        }
    }

    public void Dispose()
    {
        lock (gate)
        {
            running = false;
            (entry as PassthroughEntry)?.Abandon();
        }
        inputThread.Join();
        Links.DropAll(); // the real sockets behind the links
        MqttLink.Drop();
    }

    private void Boot(byte[]? garbage)
    {
        if (garbage is { Length: > 0 }) Output(garbage);
        Clock.Delay(Options.BootTimeMs);
        lock (gate)
        {
            State.Reset();
            Nvs.ApplyTo(State);
            Port.EmulatorBaud = State.UartBaud;
            line.Clear();
            state = InputState.Idle;
        }
        Output("\r\nready\r\n");
        Radio.AutoConnectAtBoot(); // its WIFI CONNECTED / GOT IP come after ready (spec §1.2)
        Ready?.Invoke();
    }

    private void InputLoop()
    {
        while (true)
        {
            lock (gate) if (!running) return;
            var chunk = Port.EmulatorRead(50, out long arrivedAt);
            if (chunk is null) continue;
            lock (gate) Accept(chunk, arrivedAt);
        }
    }

    private void Accept(byte[] chunk, long arrivedAt)
    {
        switch (state == InputState.Idle && Faults.TakeBusy() ? InputState.Processing : state)
        {
            case InputState.Booting:
                return; // the UART is not up yet
            case InputState.Processing:
                if (Latin1.GetString(chunk).Contains("AT+RST\r\n"))
                {
                    Output("\r\nWill force to restart!!!\r\n");
                    Reboot();
                    return;
                }
                Busy();
                return;
            case InputState.DataEntry:
                if (!entry!.DetectsOwnEscape && chunk.Length == 3 && chunk[0] == '+' && chunk[1] == '+' && chunk[2] == '+')
                {
                    entry!.Canceled = true;
                    Monitor.PulseAll(gate);
                    return;
                }
                int n = entry!.Complete ? 0 : entry.Accept(chunk, ArrivalMs(arrivedAt));
                if (entry is PassthroughEntry { Escaped: true } passthrough) LeavePassthrough(passthrough);
                else if (entry.Complete) Monitor.PulseAll(gate);
                if (n < chunk.Length) Busy();
                return;
        }

        if (State.Echo) Output(chunk);
        for (int i = 0; i < chunk.Length; i++)
        {
            if (state != InputState.Idle)
            {
                Busy();
                return;
            }
            line.Add(chunk[i]);
            if (line.Count >= 2 && line[^2] == '\r' && line[^1] == '\n')
            {
                var text = Latin1.GetString(line.ToArray(), 0, line.Count - 2);
                line.Clear();
                Dispatch(text, arrivedAt);
            }
            else if (line.Count >= MaxLineLength)
            {
                // Spec §1.3: an over-long line is silently discarded, except a trailing CR.
                bool keepCr = line[^1] == '\r';
                line.Clear();
                if (keepCr) line.Add((byte)'\r');
            }
        }
    }

    /// <summary>A port's Stopwatch arrival timestamp on the <see cref="Environment.TickCount64"/> base (now when unknown).</summary>
    private static long ArrivalMs(long arrivedAt)
    {
        long now = Environment.TickCount64;
        if (arrivedAt <= 0) return now;
        long ago = (System.Diagnostics.Stopwatch.GetTimestamp() - arrivedAt) * 1000 / System.Diagnostics.Stopwatch.Frequency;
        return ago > 0 ? now - ago : now;
    }

    private void Busy()
    {
        Output((State.SysLog ? "ERR CODE:0x010b0000\r\n" : "") + "\r\nbusy p...\r\n");
    }

    private void Dispatch(string text, long arrivedAt)
    {
        var parsed = AtCommandLine.Parse(text);
        if (parsed is null)
        {
            Error(text.StartsWith("AT", StringComparison.Ordinal) ? "0x01080000" : "0x01030000");
            return;
        }
        if (!Commands.TryGet(parsed.Name, out var handler))
        {
            Error("0x01090000");
            return;
        }
        state = InputState.Processing;
        var context = new CommandContext(this, parsed);
        int generation = bootGeneration;
        new Thread(() => Run(handler, context, generation, arrivedAt)) { IsBackground = true, Name = "esp-at process" }.Start();
    }

    private void Run(CommandHandler handler, CommandContext context, int generation, long arrivedAt)
    {
        string final = "\r\nOK\r\n";
        try
        {
            Latency.Wait(context.Line.Name, arrivedAt, Clock, Port); // counted from the line's arrival on the wire
            Faults.SlowDown(context.Line.Name);
            handler(context);
            if (context.FinalResult is not null) final = context.FinalResult;
            PersistedSettings.AfterCommand(this, context.Line, succeeded: true);
        }
        catch (CommandException e)
        {
            PersistedSettings.AfterCommand(this, context.Line, succeeded: false);
            final = (State.SysLog ? $"ERR CODE:{e.ErrCode}\r\n" : "") + "\r\nERROR\r\n";
        }
        catch (DataCanceledException)
        {
            final = "\r\nSEND Canceled\r\n";
        }
        lock (gate)
        {
            if (generation != bootGeneration) return; // rebooted meanwhile: no result
            if (final.Length > 0 || context.SwitchBaudAfterFinal is not null) Port.EmulatorWrite(Latin1.GetBytes(final), context.SwitchBaudAfterFinal, context.SwitchBaudAfterFinal is null ? null : State.UartFlow);
            state = InputState.Idle;
            // Inside the lock: the host's next bytes must meet the state the final result announced (e.g. the new baud).
            context.AfterFinal?.Invoke();
        }
    }

    private void Error(string code) => Output((State.SysLog ? $"ERR CODE:{code}\r\n" : "") + "\r\nERROR\r\n");
}

/// <summary>A lone <c>+++</c> cancelled a data entry.</summary>
public sealed class DataCanceledException : Exception;
