using System.Text;
using Esp32At.Emulator.Core;

namespace Esp32At.Emulator.Commands.Parameters;

/// <summary>
/// The one check every table-driven set handler runs before it acts: the count, then each parameter in order, by the
/// rules of <see cref="ParameterTable"/> (docs/emulator-parameters.md "The parser"): a wrong count
/// <c>0x0106&lt;need&gt;&lt;given&gt;</c>; a number omitted or out of range <c>0x0107&lt;i&gt;</c>, quoted or malformed
/// <c>0x0108&lt;i&gt;</c>; a string omitted, unquoted or too short <c>0x0107&lt;i&gt;</c>, too long <c>0x0104&lt;i&gt;</c>.
/// </summary>
public static class ParameterValidator
{
    /// <summary>Checks the line's parameters from <paramref name="from"/> on (after a link id) against the form
    /// <paramref name="key"/> (default: the command's name) for the running profile; returns the typed values.</summary>
    public static ParameterValues Check(CommandContext c, string? key = null, int from = 0)
    {
        var spec = ParameterTable.For(key ?? c.Line.Name, c.Emulator.Profile.Version);
        var line = c.Line;
        int given = line.Count - from;
        // The count code names the whole line (a leading link id included): need and given both count from parameter 0.
        if (given < spec.MinCount || given > spec.MaxCount) throw new CommandException(spec.CountError ?? CountCode(from + (given < spec.MinCount ? spec.MinCount : spec.MaxCount), line.Count));
        if (spec.Counts is not null && !spec.Counts.Contains(given))
            throw new CommandException(spec.CountError ?? CountCode(from + spec.Counts.Where(n => n > given).DefaultIfEmpty(spec.MaxCount).First(), line.Count));
        var values = new object?[spec.Parameters.Length];
        for (int k = 0; k < given && k < spec.Parameters.Length; k++)
        {
            values[k] = Read(spec.Parameters[k], line, from + k);
            // A count parameter says how many parameters follow it (CIPSSLCALPN's <counts>).
            if (k == spec.CountParameter && given != k + 1 + (values[k] as long? ?? 0)) throw new CommandException(spec.CountError ?? CountCode(from + k + 1 + (int)(values[k] as long? ?? 0), line.Count));
        }
        return new ParameterValues(spec, values, given);
    }

    private static string CountCode(int need, int given) => $"0x0106{need:x2}{Math.Min(given, 255):x2}";

    private static object? Read(ParameterSpec p, AtCommandLine line, int i)
    {
        if (line.IsEmpty(i))
            return p.Omitted is not null ? null : throw new CommandException($"0x0107{i:x4}");
        if (p.Kind == ParameterKind.Number)
        {
            if (line.IsQuoted(i) || !AtCommandLine.TryParseDigit(line.String(i), out var v)) throw new CommandException($"0x0108{i:x4}");
            return v >= p.Min && v <= p.Max ? v : throw new CommandException(p.Error ?? $"0x0107{i:x4}");
        }
        if (!line.IsQuoted(i)) throw new CommandException(p.Error ?? $"0x0107{i:x4}");
        var s = line.String(i);
        int bytes = Encoding.UTF8.GetByteCount(s);
        if (bytes > p.Max) throw new CommandException(p.Error ?? $"0x0104{i:x4}");
        if (bytes < p.Min) throw new CommandException(p.Error ?? $"0x0107{i:x4}");
        return s;
    }
}

/// <summary>The typed values of a checked line (indices are the form's parameter positions).</summary>
public sealed class ParameterValues(CommandSpec spec, object?[] values, int given)
{
    /// <summary>The form the line was checked against.</summary>
    public CommandSpec Spec { get; } = spec;

    /// <summary>How many parameters the line gave (from the form's first one).</summary>
    public int Given { get; } = given;

    /// <summary>Whether parameter <paramref name="i"/> was given (not omitted).</summary>
    public bool Has(int i) => i < values.Length && values[i] is not null;

    /// <summary>Number parameter <paramref name="i"/>: its value, or its table default when omitted.</summary>
    public long Long(int i) => i < values.Length && values[i] is long v ? v : Spec.Parameters[i].Default ?? throw new InvalidOperationException($"{Spec.Key} parameter {i} has no value");

    /// <summary>Number parameter <paramref name="i"/> as an int (its range is within int32).</summary>
    public int Int(int i) => (int)Long(i);

    /// <summary>Number parameter <paramref name="i"/>, or <paramref name="fallback"/> when omitted.</summary>
    public int IntOr(int i, int fallback) => i < values.Length && values[i] is long v ? (int)v : fallback;

    /// <summary>String parameter <paramref name="i"/>, or null when omitted.</summary>
    public string? TextOr(int i) => i < values.Length ? values[i] as string : null;

    /// <summary>String parameter <paramref name="i"/> (the table makes it present).</summary>
    public string Text(int i) => TextOr(i) ?? throw new InvalidOperationException($"{Spec.Key} parameter {i} has no value");
}
