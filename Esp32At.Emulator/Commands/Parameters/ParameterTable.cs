namespace Esp32At.Emulator.Commands.Parameters;

/// <summary>
/// The parameter rules of every table-driven set command, one <see cref="CommandSpec"/> per form, in one table split
/// by area (ParameterTable.*.cs). docs/emulator-parameters.md repeats each command's <see cref="Signature"/> in its
/// "Code table" column; ParameterTableDocTests checks that the two agree row for row.
/// </summary>
public static partial class ParameterTable
{
    private const long Unbounded = long.MaxValue;

    private static readonly CommandSpec[] All = [.. System, .. WifiSettings, .. WifiStation, .. TcpIpSettings, .. Ssl, .. Services];

    /// <summary>Every form in the table.</summary>
    public static IReadOnlyList<CommandSpec> Forms => All;

    /// <summary>The commands (names before any <c>:variant</c>) the table covers, in table order.</summary>
    public static IEnumerable<string> Commands => All.Select(s => Command(s.Key)).Distinct();

    /// <summary>The form <paramref name="key"/> for a profile of <paramref name="version"/>.</summary>
    public static CommandSpec For(string key, Version version) =>
        All.FirstOrDefault(s => s.Key == key && s.AppliesTo(version)) ?? throw new InvalidOperationException($"no parameter rule for {key} on v{version}");

    /// <summary>All forms of <paramref name="command"/>, rendered as the doc's "Code table" column shows them.</summary>
    public static string Signature(string command) =>
        string.Join(" ; ", All.Where(s => Command(s.Key) == command).Select(s => s.Signature));

    private static string Command(string key) => key.Contains(':') ? key[..key.IndexOf(':')] : key;

    private static ParameterSpec N(string name, long min, long max) => ParameterSpec.N(name, min, max);

    private static ParameterSpec S(string name, long min, long max = Unbounded) => ParameterSpec.S(name, min, max);

    private static CommandSpec Cmd(string key, params ParameterSpec[] parameters) => new(key, parameters);
}
