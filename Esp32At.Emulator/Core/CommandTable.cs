namespace Esp32At.Emulator.Core;

/// <summary>Command name → handler; each command area registers its handlers here.</summary>
public sealed class CommandTable
{
    private readonly Dictionary<string, CommandHandler> handlers = new(StringComparer.Ordinal);

    public void Register(string name, CommandHandler handler) => handlers[name] = handler;

    public bool TryGet(string name, out CommandHandler handler) => handlers.TryGetValue(name, out handler!);

    /// <summary>Registered names in registration order (for <c>AT+CMD?</c>).</summary>
    public IEnumerable<string> Names => handlers.Keys;
}
