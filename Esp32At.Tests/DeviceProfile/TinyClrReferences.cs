using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using TinyClrRefs;

namespace Esp32At.Tests.DeviceProfile;

/// <summary>
/// The TinyCLR reference assemblies, generated once per test run from the committed surface file: 2.2.1.2000, and
/// 3.0 (the surface plus the api-surface-3.0.txt overlay, as the device build with -p:TinyClrVersion=3 makes them).
/// </summary>
public static class TinyClrReferences
{
    private static string SurfaceFile(string name) => Path.Combine(AppContext.BaseDirectory, "tinyclr", name);

    private static readonly Lazy<List<GeneratedAssembly>> Generated = new(() =>
        ReferenceAssemblyBuilder.Build(File.ReadLines(SurfaceFile("api-surface.txt"))));

    private static readonly Lazy<List<GeneratedAssembly>> GeneratedV3 = new(() =>
        ReferenceAssemblyBuilder.Build(File.ReadLines(SurfaceFile("api-surface.txt")), File.ReadLines(SurfaceFile("api-surface-3.0.txt"))));

    public static IReadOnlyList<GeneratedAssembly> Assemblies => Generated.Value;

    /// <summary>The TinyCLR 3.0 profile's reference assemblies.</summary>
    public static IReadOnlyList<GeneratedAssembly> AssembliesV3 => GeneratedV3.Value;

    public static IEnumerable<MetadataReference> MetadataReferences =>
        Assemblies.Select(a => MetadataReference.CreateFromImage(a.Image));

    /// <summary>Compiles device code the way the device profile does: C# 7.3, TINYCLR defined, TinyCLR references only.</summary>
    public static (IReadOnlyList<Diagnostic> Errors, byte[] Image) Compile(string assemblyName, IEnumerable<string> sources, IEnumerable<MetadataReference>? extra = null)
        => Compile(assemblyName, sources, extra, v3: false);

    /// <summary>As the device profile compiles: for 2.2, or for 3.0 (TINYCLR_V3 defined, the 3.0 references).</summary>
    public static (IReadOnlyList<Diagnostic> Errors, byte[] Image) Compile(string assemblyName, IEnumerable<string> sources, IEnumerable<MetadataReference>? extra, bool v3)
    {
        var parse = new CSharpParseOptions(LanguageVersion.CSharp7_3, preprocessorSymbols: v3 ? ["TINYCLR", "TINYCLR_V3"] : ["TINYCLR"]);
        var references = (v3 ? AssembliesV3 : Assemblies).Select(a => MetadataReference.CreateFromImage(a.Image));
        var compilation = CSharpCompilation.Create(assemblyName,
            sources.Select(s => CSharpSyntaxTree.ParseText(s, parse)),
            references.Concat(extra ?? []),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, optimizationLevel: OptimizationLevel.Release));
        using var stream = new MemoryStream();
        var result = compilation.Emit(stream);
        return (result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList(), result.Success ? stream.ToArray() : []);
    }

    public static List<(string Name, Version Version)> AssemblyReferencesOf(byte[] image)
    {
        using var pe = new PEReader(new MemoryStream(image));
        var md = pe.GetMetadataReader();
        return md.AssemblyReferences.Select(h => md.GetAssemblyReference(h)).Select(r => (md.GetString(r.Name), r.Version)).ToList();
    }

    /// <summary>The repository root, found from the test binary's folder (no absolute paths).</summary>
    public static string RepoRoot
    {
        get
        {
            // The build output may live outside the clone (ESP32AT_ARTIFACTS): then the clone the tests were built from is the guide.
            var built = typeof(TinyClrReferences).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
                .Cast<System.Reflection.AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == "RepoRoot")?.Value;
            foreach (var start in new[] { AppContext.BaseDirectory, built ?? "", Environment.CurrentDirectory })
                for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                    if (File.Exists(Path.Combine(dir.FullName, "Esp32At.TinyCLR.sln"))) return dir.FullName;
            throw new InvalidOperationException("repository root (Esp32At.TinyCLR.sln) not found above " + AppContext.BaseDirectory);
        }
    }
}
