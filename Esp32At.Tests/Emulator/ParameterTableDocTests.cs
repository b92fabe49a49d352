using System.Text.RegularExpressions;
using Esp32At.Emulator.Commands.Parameters;

namespace Esp32At.Tests.Emulator;

/// <summary>
/// docs/emulator-parameters.md's rules table and the emulator's <see cref="ParameterTable"/> cannot drift: every row's
/// "Code table" column is the rendered signature of its commands (kinds, ranges, omittable, counts, variants), a row
/// says <c>hand-checked</c> exactly when its commands are not in the table yet, and every table command has a row.
/// </summary>
public partial class ParameterTableDocTests
{
    private static List<(string[] Commands, string Code)> DocRows()
    {
        var doc = File.ReadAllText(Path.Combine(RepoRoot(), "docs", "emulator-parameters.md"));
        var table = doc[doc.IndexOf("## The rules, command by command", StringComparison.Ordinal)..];
        table = table[..table.IndexOf("\n## ", 5, StringComparison.Ordinal)];
        var rows = new List<(string[], string)>();
        foreach (var line in table.Split('\n').Where(l => l.StartsWith("| ", StringComparison.Ordinal) && !l.StartsWith("| Command |", StringComparison.Ordinal)))
        {
            var cells = line.Split('|');
            var names = cells[1].Split([',', '/', ' '], StringSplitOptions.RemoveEmptyEntries).Where(t => CommandName().IsMatch(t)).ToArray();
            rows.Add((names, cells[^2].Trim().Trim('`')));
        }
        return rows;
    }

    [Fact]
    public void EveryDocRowAgreesWithTheCodeTable()
    {
        var inTable = ParameterTable.Commands.ToHashSet(StringComparer.Ordinal);
        var wrong = new List<string>();
        foreach (var (commands, code) in DocRows())
        {
            Assert.NotEmpty(commands);
            foreach (var name in commands)
            {
                var expected = inTable.Contains(name) ? ParameterTable.Signature(name) : "hand-checked";
                if (code != expected) wrong.Add($"{name}: doc `{code}`, code `{expected}`");
            }
        }
        Assert.Empty(wrong);
    }

    [Fact]
    public void EveryCodeTableCommandHasADocRow()
    {
        var documented = DocRows().SelectMany(r => r.Commands).ToHashSet(StringComparer.Ordinal);
        var missing = ParameterTable.Commands.Where(c => !documented.Contains(c)).ToList();
        Assert.Empty(missing);
    }

    [Fact]
    public void TheSignatureRendersKindRangeOmissionAndVariant()
    {
        Assert.Equal("n0..1", ParameterTable.Signature("SYSLOG"));
        Assert.Equal("[n0..1],n0..2047,[n-100..40],[n0..65535]", ParameterTable.Signature("CWLAPOPT"));
        Assert.Equal("single: n0..1 ; multi: n0..5,n0..1", ParameterTable.Signature("CIPRECVTYPE"));
        Assert.Equal("s0..", ParameterTable.Signature("CIPSSLCSNI"));
    }

    [GeneratedRegex("^[A-Z][A-Z0-9_]*\\*?$")]
    private static partial Regex CommandName();

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Esp32At.TinyCLR.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new DirectoryNotFoundException("Esp32At.TinyCLR.sln");
    }
}
