namespace Esp32At.Tests.Structure;

/// <summary>Issue 17: no source file outside the tests is over 400 lines (one concept per file).</summary>
public class SourceFileSizeTests
{
    public const int MaxLines = 400;

    [Fact]
    public void NoNonTestSourceFileIsOver400Lines()
    {
        var files = SourceTree.NonTestSources().ToList();
        Assert.Contains("Esp32At.Links/ConnectionTable.cs", files); // the walk found the sources at all
        Assert.DoesNotContain(files, f => f.StartsWith("Esp32At.Tests/") || f.Contains("/obj/") || f.StartsWith("artifacts/"));
        var over = files
            .Select(f => (File: f, Lines: File.ReadAllLines(Path.Combine(SourceTree.Root, f)).Length))
            .Where(x => x.Lines > MaxLines)
            .OrderByDescending(x => x.Lines)
            .Select(x => x.File + ": " + x.Lines + " lines")
            .ToList();
        Assert.True(over.Count == 0, "split these into files of one concept each (at most " + MaxLines + " lines):\n" + string.Join("\n", over));
    }
}
