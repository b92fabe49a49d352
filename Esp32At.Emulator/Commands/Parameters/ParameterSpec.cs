namespace Esp32At.Emulator.Commands.Parameters;

/// <summary>How the firmware reads a parameter: <c>esp_at_get_para_as_digit</c> or <c>esp_at_get_para_as_str</c>.</summary>
public enum ParameterKind { Number, String }

/// <summary>
/// One parameter of a set command (docs/emulator-parameters.md "The parser"). A number must lie in
/// [<see cref="Min"/>, <see cref="Max"/>]; a string's UTF-8 length must (so <see cref="Min"/> 0 means <c>""</c> is
/// allowed). Omitted (nothing between commas) is invalid unless <see cref="Omitted"/> says what it means.
/// </summary>
public sealed record ParameterSpec(string Name, ParameterKind Kind, long Min, long Max)
{
    /// <summary>What omission means (null: not omittable, <c>0x0107&lt;i&gt;</c>).</summary>
    public string? Omitted { get; init; }

    /// <summary>The number an omitted parameter stands for, when it has one.</summary>
    public long? Default { get; init; }

    /// <summary>What an empty quoted string means (strings with <see cref="Min"/> 0).</summary>
    public string? Empty { get; init; }

    /// <summary>The ERR CODE of a bad value when not the core's <c>0x0107&lt;i&gt;</c> / <c>0x0104&lt;i&gt;</c>.</summary>
    public string? Error { get; init; }

    /// <summary>A number in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public static ParameterSpec N(string name, long min, long max) => new(name, ParameterKind.Number, min, max);

    /// <summary>A quoted string of <paramref name="min"/> to <paramref name="max"/> UTF-8 bytes.</summary>
    public static ParameterSpec S(string name, long min, long max) => new(name, ParameterKind.String, min, max);

    /// <summary>This parameter, omittable with <paramref name="meaning"/> (and <paramref name="value"/> for a number).</summary>
    public ParameterSpec Opt(string meaning, long? value = null) => this with { Omitted = meaning, Default = value };

    /// <summary>This string parameter with <c>""</c> allowed, meaning <paramref name="meaning"/>.</summary>
    public ParameterSpec OrEmpty(string meaning) => this with { Min = 0, Empty = meaning };

    /// <summary>This parameter with a fixed ERR CODE for a bad value.</summary>
    public ParameterSpec Fails(string errCode) => this with { Error = errCode };

    /// <summary>The canonical form the doc's "Code table" column repeats: <c>n0..1</c>, <c>[s0..64]</c>.</summary>
    public string Signature
    {
        get
        {
            var s = (Kind == ParameterKind.Number ? "n" : "s") + $"{Min}.." + (Max == long.MaxValue ? "" : $"{Max}");
            return Omitted is null ? s : $"[{s}]";
        }
    }
}

/// <summary>
/// The parameters of one set form (<see cref="Key"/>: the command name, or <c>NAME:variant</c> when the form depends
/// on the mode, e.g. <c>CIPSEND:multi</c>), the profiles it applies to and its count rule.
/// </summary>
public sealed record CommandSpec(string Key, params ParameterSpec[] Parameters)
{
    /// <summary>Fewest parameters: up to the last one that may not be omitted, unless set.</summary>
    public int MinCount { get; init; } = Array.FindLastIndex(Parameters, p => p.Omitted is null) + 1;

    /// <summary>Most parameters.</summary>
    public int MaxCount { get; init; } = Parameters.Length;

    /// <summary>The only counts allowed between the bounds (null: all); another is <c>0x0106&lt;next allowed&gt;&lt;given&gt;</c>.</summary>
    public int[]? Counts { get; init; }

    /// <summary>The index of a number that says how many parameters follow it (null: none).</summary>
    public int? CountParameter { get; init; }

    /// <summary>The ERR CODE of a wrong count when not the core's <c>0x0106&lt;need&gt;&lt;given&gt;</c>.</summary>
    public string? CountError { get; init; }

    /// <summary>The oldest profile version this form applies to (null: all).</summary>
    public Version? Since { get; init; }

    /// <summary>The first profile version this form no longer applies to (null: all).</summary>
    public Version? Before { get; init; }

    /// <summary>Whether this form applies to a profile of <paramref name="version"/>.</summary>
    public bool AppliesTo(Version version) => (Since is null || version >= Since) && (Before is null || version < Before);

    /// <summary>The canonical form: the parameters' signatures, with the count rule and profiles when not implied.</summary>
    public string Signature
    {
        get
        {
            var parts = string.Join(",", Parameters.Select(p => p.Signature));
            var implied = Array.FindLastIndex(Parameters, p => p.Omitted is null) + 1;
            if (MinCount != implied || MaxCount != Parameters.Length) parts = $"#{MinCount}..{MaxCount} " + parts;
            if (CountParameter is not null) parts = $"#n{CountParameter} " + parts;
            if (Counts is not null) parts = $"#{{{string.Join(",", Counts)}}} " + parts;
            var variant = Key.Contains(':') ? Key[(Key.IndexOf(':') + 1)..] : null;
            var profile = (Since, Before) switch
            {
                (null, null) => null,
                (_, null) => $"v{Since}+",
                (null, _) => $"<v{Before}",
                _ => $"v{Since}-<v{Before}",
            };
            var label = string.Join(" ", new[] { variant, profile }.Where(x => x is not null));
            return (label.Length > 0 ? label + ": " : "") + (parts.Length > 0 ? parts : "none");
        }
    }
}
