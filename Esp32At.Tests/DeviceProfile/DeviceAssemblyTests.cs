namespace Esp32At.Tests.DeviceProfile;

/// <summary>
/// Every device assembly's sources compile against the TinyCLR surface alone, fit TinyCLR's 64 KB per-assembly limit,
/// and reference nothing but TinyCLR 2.2.1.2000 assemblies (and each other).
/// </summary>
public class DeviceAssemblyTests
{
    public const int TinyClrAssemblyLimit = 64 * 1024;

    public static TheoryData<string> DeviceFolders() => new(DeviceAssemblies.Folders.Where(f => Directory.Exists(Path.Combine(TinyClrReferences.RepoRoot, f))));

    [Theory]
    [MemberData(nameof(DeviceFolders))]
    public void SourcesCompileForTheDeviceUnderTheSizeLimit(string folder)
    {
        var (errors, image) = DeviceAssemblies.Compile(folder);
        Assert.True(errors.Count == 0, folder + " does not compile for TinyCLR 2.2:\n" + string.Join("\n", errors.Take(20)));
        Assert.InRange(image.Length, 1, TinyClrAssemblyLimit);
        var allowed = TinyClrReferences.Assemblies.Select(a => a.Name).Concat(DeviceAssemblies.Folders).ToHashSet();
        foreach (var (name, version) in TinyClrReferences.AssemblyReferencesOf(image))
        {
            Assert.Contains(name, allowed);
            if (!DeviceAssemblies.Folders.Contains(name)) Assert.Equal(new Version(2, 2, 1, 2000), version);
        }
    }
}

/// <summary>The device assemblies, in dependency order; each is the folder of the same name.</summary>
public static class DeviceAssemblies
{
    public static readonly string[] Folders = ["Esp32At", "Esp32At.Links", "Esp32At.Wifi", "Esp32At.CircuitPython", "Esp32At.TinyCLR"];

    public static (IReadOnlyList<Microsoft.CodeAnalysis.Diagnostic> Errors, byte[] Image) Compile(string folder)
    {
        var root = TinyClrReferences.RepoRoot;
        var sources = Directory.EnumerateFiles(Path.Combine(root, folder), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains(Path.DirectorySeparatorChar + "bin" + Path.DirectorySeparatorChar) && !f.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar))
            .Select(File.ReadAllText);
        // Device assemblies earlier in the list are references of later ones.
        var earlier = Folders.TakeWhile(f => f != folder).Where(f => Directory.Exists(Path.Combine(root, f)))
            .Select(f => Compile(f).Image).Where(i => i.Length > 0).Select(i => Microsoft.CodeAnalysis.MetadataReference.CreateFromImage(i));
        return TinyClrReferences.Compile(folder, sources, earlier);
    }
}
