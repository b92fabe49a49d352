namespace Esp32At.Tests.DeviceProfile;

/// <summary>
/// Every device assembly's sources compile against the TinyCLR surface alone, fit TinyCLR's 64 KB per-assembly limit,
/// and reference nothing but TinyCLR 2.2.1.2000 assemblies (and each other); and the same for the TinyCLR 3.0 profile
/// (TINYCLR_V3, the surface plus api-surface-3.0.txt), which is what -p:TinyClrVersion=3 builds.
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

    [Theory]
    [MemberData(nameof(DeviceFolders))]
    public void SourcesCompileForTinyClr3UnderTheSizeLimit(string folder)
    {
        var (errors, image) = DeviceAssemblies.Compile(folder, v3: true);
        Assert.True(errors.Count == 0, folder + " does not compile for TinyCLR 3.0:\n" + string.Join("\n", errors.Take(20)));
        Assert.InRange(image.Length, 1, TinyClrAssemblyLimit);
        var allowed = TinyClrReferences.AssembliesV3.Select(a => a.Name).Concat(DeviceAssemblies.Folders).ToHashSet();
        foreach (var (name, _) in TinyClrReferences.AssemblyReferencesOf(image)) Assert.Contains(name, allowed);
    }

    [Fact]
    public void TheTinyClr3ProviderImplementsShutdownAndThe22OneDoesNot()
    {
        // 3.0's INetworkProvider has Shutdown: the provider compiled for 3.0 must implement it (else CS0535 above);
        // compiled for 2.2 it must not have it, since 2.2's surface has no SocketShutdown.
        var v3 = DeviceAssemblies.Compile("Esp32At.TinyCLR", v3: true).Image;
        var v22 = DeviceAssemblies.Compile("Esp32At.TinyCLR").Image;
        Assert.Contains("Shutdown", MethodNamesOf(v3, "Esp32AtNetworkProvider"));
        Assert.DoesNotContain("Shutdown", MethodNamesOf(v22, "Esp32AtNetworkProvider"));
    }

    private static List<string> MethodNamesOf(byte[] image, string typeName)
    {
        using var pe = new System.Reflection.PortableExecutable.PEReader(new MemoryStream(image));
        var md = System.Reflection.Metadata.PEReaderExtensions.GetMetadataReader(pe);
        var type = md.TypeDefinitions.Select(md.GetTypeDefinition).Single(t => md.GetString(t.Name) == typeName);
        return type.GetMethods().Select(h => md.GetString(md.GetMethodDefinition(h).Name)).ToList();
    }
}

/// <summary>The device assemblies, in dependency order; each is the folder of the same name.</summary>
public static class DeviceAssemblies
{
    public static readonly string[] Folders = ["Esp32At", "Esp32At.Links", "Esp32At.Wifi", "Esp32At.CircuitPython", "Esp32At.Mqtt", "Esp32At.CircuitPython.Mqtt", "Esp32At.TinyCLR"];

    public static (IReadOnlyList<Microsoft.CodeAnalysis.Diagnostic> Errors, byte[] Image) Compile(string folder, bool v3 = false)
    {
        var root = TinyClrReferences.RepoRoot;
        var sources = Directory.EnumerateFiles(Path.Combine(root, folder), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains(Path.DirectorySeparatorChar + "bin" + Path.DirectorySeparatorChar) && !f.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar))
            .Select(File.ReadAllText);
        // Device assemblies earlier in the list are references of later ones.
        var earlier = Folders.TakeWhile(f => f != folder).Where(f => Directory.Exists(Path.Combine(root, f)))
            .Select(f => Compile(f, v3).Image).Where(i => i.Length > 0).Select(i => Microsoft.CodeAnalysis.MetadataReference.CreateFromImage(i));
        return TinyClrReferences.Compile(folder, sources, earlier, v3);
    }
}
