namespace Esp32At.Emulator.Core;

/// <summary>
/// The firmware's NVS flash as far as the emulator models it: settings saved by commands (while AT+SYSSTORE=1, or
/// always for the always-persistent ones, spec §2.1) and applied again at every boot; AT+RESTORE erases it.
/// Each entry restores what one command saved; the last save of a command wins and is applied last.
/// </summary>
public sealed class NvsStore
{
    private readonly object gate = new();
    private readonly List<(string Key, Action<EmulatorState> Restore)> entries = new();

    /// <summary>Saves <paramref name="restore"/> (a closure over the saved values) under <paramref name="key"/>.</summary>
    public void Save(string key, Action<EmulatorState> restore)
    {
        lock (gate)
        {
            entries.RemoveAll(e => e.Key == key);
            entries.Add((key, restore));
        }
    }

    /// <summary>The keys saved now (the command names).</summary>
    public IReadOnlyList<string> Keys { get { lock (gate) return entries.Select(e => e.Key).ToList(); } }

    /// <summary>Puts the saved settings into <paramref name="state"/> (after it was reset to the factory values).</summary>
    public void ApplyTo(EmulatorState state)
    {
        List<Action<EmulatorState>> restores;
        lock (gate) restores = entries.Select(e => e.Restore).ToList();
        foreach (var restore in restores) restore(state);
    }

    /// <summary>AT+RESTORE: everything back to the factory settings.</summary>
    public void Erase()
    {
        lock (gate) entries.Clear();
    }
}
