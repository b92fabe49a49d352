using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using TinyClrRefs;

// Usage: TinyClrRefs <api-surface.txt> <output folder>
// Writes one reference assembly per surface assembly (mscorlib.dll, GHIElectronics.TinyCLR.*.dll) and its stub source.
if (args.Length != 2)
{
    Console.Error.WriteLine("usage: TinyClrRefs <api-surface.txt> <output folder>");
    return 2;
}
var surfacePath = args[0];
var outDir = args[1];
Directory.CreateDirectory(outDir);

var assemblies = SurfaceParser.Parse(File.ReadLines(surfacePath));
var allTypes = assemblies.SelectMany(a => a.Types).ToDictionary(t => t.FullName);
var emitter = new StubEmitter(allTypes);
var references = new List<MetadataReference>();
var parseOptions = new CSharpParseOptions(LanguageVersion.CSharp7_3);
int failures = 0;

foreach (var assembly in BuildOrder.Sort(assemblies))
{
    var source = emitter.Emit(assembly);
    File.WriteAllText(Path.Combine(outDir, assembly.Name + ".stubs.cs"), source);
    var compilation = CSharpCompilation.Create(
        assembly.Name,
        [CSharpSyntaxTree.ParseText(source, parseOptions)],
        references,
        new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, optimizationLevel: OptimizationLevel.Release, deterministic: true));
    var dllPath = Path.Combine(outDir, assembly.Name + ".dll");
    using (var stream = File.Create(dllPath))
    {
        var result = compilation.Emit(stream);
        var errors = result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        foreach (var error in errors.Take(30)) Console.Error.WriteLine($"{assembly.Name}: {error}");
        if (!result.Success) failures++;
    }
    references.Add(MetadataReference.CreateFromFile(dllPath));
    Console.WriteLine($"TinyClrRefs: {assembly.Name} {assembly.Version}: {assembly.Types.Count} types -> {new FileInfo(dllPath).Length} bytes");
}
return failures == 0 ? 0 : 1;
