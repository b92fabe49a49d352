using Esp32At.Tests.DeviceProfile;

namespace Esp32At.Tests.Structure;

/// <summary>The repository's own C# sources as the structure tests see them: no build output, no tests.</summary>
public static class SourceTree
{
    private static readonly string[] Skipped = { "artifacts", ".git", "bin", "obj", "Esp32At.Tests" };

    public static string Root => TinyClrReferences.RepoRoot;

    /// <summary>Every *.cs file outside the test project and build output, as a path relative to the root with '/'.</summary>
    public static IEnumerable<string> NonTestSources()
    {
        var pending = new Stack<string>();
        pending.Push(Root);
        while (pending.Count > 0)
        {
            var dir = pending.Pop();
            foreach (var sub in Directory.EnumerateDirectories(dir))
                if (!Skipped.Contains(Path.GetFileName(sub))) pending.Push(sub);
            foreach (var file in Directory.EnumerateFiles(dir, "*.cs"))
                yield return Path.GetRelativePath(Root, file).Replace('\\', '/');
        }
    }

    public static string Read(string relative) => File.ReadAllText(Path.Combine(Root, relative));

    public static bool Exists(string relative) => File.Exists(Path.Combine(Root, relative));
}
