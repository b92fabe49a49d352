using System.Text;

namespace Esp32At.Emulator.Core;

/// <summary>The four AT command forms (spec §1.3).</summary>
public enum CommandKind { Execute, Query, Test, Set }

/// <summary>
/// One parsed command line: <c>AT+NAME</c>, <c>AT+NAME?</c>, <c>AT+NAME=?</c> or <c>AT+NAME=args</c> (and the basic
/// forms <c>AT</c>, <c>ATE0</c>). Arguments keep whether they were quoted; quoted strings are unescaped
/// (<c>\\</c>, <c>\,</c>, <c>\"</c>, and <c>\x</c> = <c>x</c>); an omitted argument is empty.
/// </summary>
public sealed class AtCommandLine
{
    private readonly List<(string Text, bool Quoted)> args;

    private AtCommandLine(string name, CommandKind kind, List<(string, bool)> args)
    {
        Name = name;
        Kind = kind;
        this.args = args;
    }

    /// <summary>Command name without <c>AT+</c> (e.g. <c>CWJAP</c>); <c>""</c> for plain <c>AT</c>, <c>E0</c>/<c>E1</c> for echo.</summary>
    public string Name { get; }
    public CommandKind Kind { get; }
    public int Count => args.Count;

    public bool IsEmpty(int i) => i >= args.Count || args[i].Text.Length == 0 && !args[i].Quoted;
    public bool IsQuoted(int i) => i < args.Count && args[i].Quoted;

    /// <summary>Argument <paramref name="i"/> as a string (quoted or not).</summary>
    public string String(int i) => i < args.Count ? args[i].Text : throw new CommandException();

    /// <summary>Argument <paramref name="i"/> as the firmware's <c>esp_at_get_para_as_digit</c> reads it
    /// (<see cref="TryParseDigit"/>); omitted is PARA_INVALID (<c>0x0107&lt;i&gt;</c>), quoted or malformed PARA_PARSE_FAIL
    /// (<c>0x0108&lt;i&gt;</c>), the rule every handler shares (docs/emulator-parameters.md "The parser").</summary>
    public long Int(int i)
    {
        if (IsEmpty(i)) throw new CommandException($"0x0107{i:x4}");
        if (args[i].Quoted || !TryParseDigit(args[i].Text, out var v)) throw new CommandException($"0x0108{i:x4}");
        return v;
    }

    /// <summary>
    /// The number rule of <c>esp_at_get_para_as_digit</c> (esp-at components/at/include/esp_at_core.h: a signed 32-bit
    /// integer, OK / FAIL / OMITTED): decimal or <c>0x</c>/<c>0X</c> hexadecimal, optionally after one <c>-</c>.
    /// Clients rely on the hex form: lwesp sends <c>AT+CWLAPOPT=1,0x7FF</c> at every start, the docs' own default notation.
    /// An empty text is OMITTED, not a number, so it fails here; the caller decides what omission means.
    /// </summary>
    public static bool TryParseDigit(string text, out long value)
    {
        value = 0;
        var s = text.AsSpan();
        bool negative = s.Length > 0 && s[0] == '-';
        if (negative) s = s[1..];
        bool hex = s.Length > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X');
        if (hex) s = s[2..];
        if (s.Length == 0) return false;
        foreach (var ch in s)
        {
            int d = char.IsAsciiDigit(ch) ? ch - '0' : hex && char.IsAsciiHexDigit(ch) ? (ch | 0x20) - 'a' + 10 : -1;
            if (d < 0) return false;
            value = value * (hex ? 16 : 10) + d;
            if (value > 1L << 32) return false; // far outside int32: the firmware's strtol would not give this number
        }
        if (negative) value = -value;
        return value is >= int.MinValue and <= uint.MaxValue; // hex masks up to 0xFFFFFFFF wrap into int32 on the chip
    }

    /// <summary>Integer argument <paramref name="i"/> when present, else <paramref name="fallback"/>.</summary>
    public long IntOr(int i, long fallback) => IsEmpty(i) ? fallback : Int(i);

    /// <summary>Parses a line without its CR LF; null when it is not an AT command (→ ERROR).</summary>
    public static AtCommandLine? Parse(string line)
    {
        if (!line.StartsWith("AT", StringComparison.Ordinal)) return null;
        var rest = line[2..];
        if (rest.Length == 0) return new AtCommandLine("", CommandKind.Execute, []);
        if (rest is "E0" or "E1") return new AtCommandLine(rest, CommandKind.Execute, []);
        if (rest[0] != '+') return null;
        rest = rest[1..];
        int eq = rest.IndexOf('=');
        if (eq < 0)
        {
            if (rest.EndsWith('?')) return Named(rest[..^1], CommandKind.Query, []);
            return Named(rest, CommandKind.Execute, []);
        }
        var name = rest[..eq];
        var tail = rest[(eq + 1)..];
        if (tail == "?") return Named(name, CommandKind.Test, []);
        var parsed = SplitArguments(tail);
        return parsed is null ? null : Named(name, CommandKind.Set, parsed);
    }

    private static AtCommandLine? Named(string name, CommandKind kind, List<(string, bool)> args)
    {
        if (name.Length == 0 || name.Any(c => !(char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c) || c == '_'))) return null;
        return new AtCommandLine(name, kind, args);
    }

    private static List<(string, bool)>? SplitArguments(string text)
    {
        var result = new List<(string, bool)>();
        var current = new StringBuilder();
        bool quoted = false, wasQuoted = false;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (quoted)
            {
                if (c == '\\' && i + 1 < text.Length) current.Append(text[++i]);
                else if (c == '"') quoted = false;
                else current.Append(c);
            }
            else if (c == '"')
            {
                if (current.Length > 0 || wasQuoted) return null;
                quoted = wasQuoted = true;
            }
            else if (c == ',')
            {
                result.Add((current.ToString(), wasQuoted));
                current.Clear();
                wasQuoted = false;
            }
            else
            {
                if (wasQuoted) return null;
                current.Append(c);
            }
        }
        if (quoted) return null;
        result.Add((current.ToString(), wasQuoted));
        return result;
    }
}

/// <summary>Thrown by a handler for a bad parameter or failed execution: the emulator answers ERROR.</summary>
public sealed class CommandException(string? errCode = null) : Exception("AT command failed")
{
    /// <summary>The <c>ERR CODE</c> value printed when SYSLOG=1, e.g. 0x01070000.</summary>
    public string ErrCode { get; } = errCode ?? "0x01070000";
}
