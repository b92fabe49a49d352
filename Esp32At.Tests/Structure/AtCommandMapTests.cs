using System.Text.RegularExpressions;

namespace Esp32At.Tests.Structure;

/// <summary>
/// docs/architecture.md's AT command map stays true: every command constant of the library's *Commands.cs files has a
/// row, every row names constants and files that exist, and the file a row says sends a command uses its constant.
/// </summary>
public partial class AtCommandMapTests
{
    private const string MapHeading = "## AT command map";

    /// <summary>One row of the map: the constants it names, its sender files and its parser files.</summary>
    public sealed record Row(string Text, IReadOnlyList<string> Constants, IReadOnlyList<string> Senders, IReadOnlyList<string> Parsers);

    [GeneratedRegex(@"const\s+string\s+(\w+)\s*=\s*""((?:[^""\\]|\\.)*)""")]
    private static partial Regex ConstantPattern();

    [GeneratedRegex(@"`(\w+Commands\.\w+)`")]
    private static partial Regex ConstantReference();

    [GeneratedRegex(@"`([\w./]+\.cs)`")]
    private static partial Regex FileReference();

    /// <summary>The library's (not the emulator's) command-area files: `Class.Name` → value for every string constant.</summary>
    public static Dictionary<string, (string Value, string File)> LibraryConstants()
    {
        var result = new Dictionary<string, (string, string)>();
        foreach (var file in SourceTree.NonTestSources().Where(f => f.EndsWith("Commands.cs") && !f.StartsWith("Esp32At.Emulator/")))
        {
            var cls = Path.GetFileNameWithoutExtension(file);
            foreach (Match m in ConstantPattern().Matches(SourceTree.Read(file)))
                result[cls + "." + m.Groups[1].Value] = (Regex.Unescape(m.Groups[2].Value), file);
        }
        return result;
    }

    /// <summary>What the ESP is sent (a command line, or the raw passthrough escape) rather than an answer prefix or a fragment.</summary>
    public static bool IsCommand(string value) => value.StartsWith("AT") || value == "+++";

    /// <summary>Rows of the map's tables (both: commands, and the notices the ESP sends on its own).</summary>
    public static List<Row> MapRows()
    {
        var doc = SourceTree.Read("docs/architecture.md");
        int start = doc.IndexOf("\n" + MapHeading + "\n", StringComparison.Ordinal);
        Assert.True(start >= 0, "docs/architecture.md has no '" + MapHeading + "' section");
        int end = doc.IndexOf("\n## ", start + MapHeading.Length + 2, StringComparison.Ordinal);
        var section = end < 0 ? doc[start..] : doc[start..end];
        var rows = new List<Row>();
        foreach (var line in section.Split('\n'))
        {
            if (!line.StartsWith("| ")) continue;
            var cells = line.Split('|');
            if (cells.Length < 6 || cells[1].Trim() is "Command" or "Notice" || cells[1].StartsWith("---")) continue;
            rows.Add(new Row(line,
                ConstantReference().Matches(cells[2]).Select(m => m.Groups[1].Value).ToList(),
                FileReference().Matches(cells[3]).Select(m => m.Groups[1].Value).ToList(),
                FileReference().Matches(cells[4]).Select(m => m.Groups[1].Value).ToList()));
        }
        return rows;
    }

    [Fact]
    public void EveryCommandTheLibrarySendsHasARow()
    {
        var constants = LibraryConstants();
        var commands = constants.Where(c => IsCommand(c.Value.Value)).Select(c => c.Key).ToList();
        Assert.Contains("LinkCommands.Start", commands); // the scan found the command files at all
        Assert.Contains("DeviceCommands.Attention", commands);
        var mapped = MapRows().SelectMany(r => r.Constants).ToHashSet();
        var missing = commands.Where(c => !mapped.Contains(c)).OrderBy(c => c).ToList();
        Assert.True(missing.Count == 0, "docs/architecture.md (" + MapHeading + ") has no row for:\n" +
            string.Join("\n", missing.Select(c => c + " = \"" + constants[c].Value + "\" (" + constants[c].File + ")")));
    }

    [Fact]
    public void EveryNoticeTheLibraryHandlesHasARow()
    {
        var notices = LibraryConstants().Keys.Where(k => k.EndsWith("Urc")).ToList();
        Assert.Contains("LinkCommands.ClosedUrc", notices);
        var mapped = MapRows().SelectMany(r => r.Constants).ToHashSet();
        var missing = notices.Where(n => !mapped.Contains(n)).OrderBy(n => n).ToList();
        Assert.True(missing.Count == 0, "docs/architecture.md (" + MapHeading + ") has no row for the notices:\n" + string.Join("\n", missing));
    }

    [Fact]
    public void EveryRowNamesConstantsAndFilesThatExist_AndItsSendersUseTheConstant()
    {
        var constants = LibraryConstants();
        var rows = MapRows();
        Assert.True(rows.Count > 40, "the map has " + rows.Count + " rows: the table was not read");
        var problems = new List<string>();
        foreach (var row in rows)
        {
            foreach (var c in row.Constants.Where(c => !constants.ContainsKey(c))) problems.Add("no constant " + c + ": " + row.Text);
            foreach (var f in row.Senders.Concat(row.Parsers).Where(f => !SourceTree.Exists(f))) problems.Add("no file " + f + ": " + row.Text);
            foreach (var sender in row.Senders.Where(SourceTree.Exists))
            {
                var source = SourceTree.Read(sender);
                // The row's first constant is the command itself; the others may be fragments or answer prefixes.
                if (row.Constants.Count > 0 && !source.Contains(row.Constants[0])) problems.Add(sender + " does not use " + row.Constants[0] + ": " + row.Text);
            }
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void EveryConstantOfARowIsUsedByOneOfItsFiles_OrTheRowSaysNothingSendsIt()
    {
        var problems = new List<string>();
        foreach (var row in MapRows().Where(r => r.Senders.Count > 0))
        {
            var sources = row.Senders.Concat(row.Parsers).Where(SourceTree.Exists).Select(SourceTree.Read).ToList();
            foreach (var c in row.Constants.Where(c => !sources.Any(s => s.Contains(c)))) problems.Add(c + " is used by none of the files of: " + row.Text);
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }
}
