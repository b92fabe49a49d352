using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using TinyClrRefs;

namespace Esp32At.Tests.DeviceProfile;

/// <summary>The TinyCLR 2.2.1.2000 reference assemblies, generated once per test run from the committed surface file.</summary>
public static class TinyClrReferences
{
    private static readonly Lazy<List<GeneratedAssembly>> Generated = new(() =>
        ReferenceAssemblyBuilder.Build(File.ReadLines(Path.Combine(AppContext.BaseDirectory, "tinyclr", "api-surface.txt"))));

    public static IReadOnlyList<GeneratedAssembly> Assemblies => Generated.Value;

    public static IEnumerable<MetadataReference> MetadataReferences =>
        Assemblies.Select(a => MetadataReference.CreateFromImage(a.Image));

    /// <summary>Compiles device code the way the device profile does: C# 7.3, TINYCLR defined, TinyCLR references only.</summary>
    public static (IReadOnlyList<Diagnostic> Errors, byte[] Image) Compile(string assemblyName, IEnumerable<string> sources, IEnumerable<MetadataReference>? extra = null)
    {
        var parse = new CSharpParseOptions(LanguageVersion.CSharp7_3, preprocessorSymbols: ["TINYCLR"]);
        var compilation = CSharpCompilation.Create(assemblyName,
            sources.Select(s => CSharpSyntaxTree.ParseText(s, parse)),
            MetadataReferences.Concat(extra ?? []),
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
