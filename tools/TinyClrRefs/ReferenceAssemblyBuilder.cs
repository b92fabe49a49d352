using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace TinyClrRefs;

/// <summary>One generated reference assembly: its image, its stub source and the compiler's errors (none when it built).</summary>
public sealed record GeneratedAssembly(string Name, string Version, int TypeCount, string Source, byte[] Image, IReadOnlyList<Diagnostic> Errors);

/// <summary>Compiles the surface file's assemblies, each after the ones it depends on, against each other only.</summary>
public static class ReferenceAssemblyBuilder
{
    public static List<GeneratedAssembly> Build(IEnumerable<string> surfaceLines) => Build(surfaceLines, null);

    /// <summary>Builds from the surface file followed by an overlay (the TinyCLR 3.0 changes), or the surface alone.</summary>
    public static List<GeneratedAssembly> Build(IEnumerable<string> surfaceLines, IEnumerable<string>? overlayLines)
    {
        var assemblies = SurfaceParser.Parse(surfaceLines, overlayLines);
        var emitter = new StubEmitter(assemblies.SelectMany(a => a.Types).ToDictionary(t => t.FullName));
        var parseOptions = new CSharpParseOptions(LanguageVersion.CSharp7_3);
        var references = new List<MetadataReference>();
        var results = new List<GeneratedAssembly>();
        foreach (var assembly in BuildOrder.Sort(assemblies))
        {
            var source = emitter.Emit(assembly);
            var compilation = CSharpCompilation.Create(
                assembly.Name,
                [CSharpSyntaxTree.ParseText(source, parseOptions)],
                references,
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, optimizationLevel: OptimizationLevel.Release, deterministic: true));
            using var stream = new MemoryStream();
            var result = compilation.Emit(stream);
            var image = result.Success ? stream.ToArray() : [];
            results.Add(new GeneratedAssembly(assembly.Name, assembly.Version, assembly.Types.Count, source, image,
                result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList()));
            if (result.Success) references.Add(MetadataReference.CreateFromImage(image));
        }
        return results;
    }
}
