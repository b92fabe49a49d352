using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Esp32At.Tests.DeviceProfile;

namespace Esp32At.Tests.TinyClr;

/// <summary>
/// The provider as <c>-p:TinyClrVersion=3</c> builds it, for the host: the shim and the provider's sources compiled
/// again with TINYCLR_V3 (as their host projects are, plus that symbol), loaded into their own load context so they
/// sit beside the 2.2 build the other tests use. Everything else (Esp32At, Links, Wifi, the emulator) is shared.
/// </summary>
public static class ProviderV3Build
{
    private static readonly Lazy<Assembly> Built = new(Build);

    /// <summary>The 3.0 build of Esp32At.TinyCLR (its shim is loaded beside it).</summary>
    public static Assembly Provider => Built.Value;

    /// <summary>A type of the 3.0 build (provider or shim), by full name.</summary>
    public static Type Type(string fullName) =>
        Provider.GetType(fullName) ?? AssemblyLoadContext.GetLoadContext(Provider)!.Assemblies.Select(a => a.GetType(fullName)).First(t => t is not null)!;

    private static Assembly Build()
    {
        var root = TinyClrReferences.RepoRoot;
        var framework = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => !Path.GetFileName(p).StartsWith("Esp32At.TinyCLR", StringComparison.Ordinal))
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).ToList();

        // The shim: a host project (latest C#, implicit usings, nullable off).
        const string implicitUsings = "global using System; global using System.IO; global using System.Collections.Generic; global using System.Linq; global using System.Net.Http; global using System.Threading; global using System.Threading.Tasks;";
        var shim = Compile("Esp32At.TinyCLR.Shim", Sources(root, "Esp32At.TinyCLR.Shim").Append(implicitUsings),
            new CSharpParseOptions(LanguageVersion.Latest, preprocessorSymbols: ["TINYCLR_V3"]), framework);

        // The provider: device code built for the host (C# 7.3, ESP32AT_HOST), here with TINYCLR_V3.
        var provider = Compile("Esp32At.TinyCLR", Sources(root, "Esp32At.TinyCLR"),
            new CSharpParseOptions(LanguageVersion.CSharp7_3, preprocessorSymbols: ["ESP32AT_HOST", "TINYCLR_V3"]),
            framework.Append(MetadataReference.CreateFromImage(shim)));

        var context = new V3Context();
        context.Shim = context.LoadFromStream(new MemoryStream(shim));
        return context.LoadFromStream(new MemoryStream(provider));
    }

    private static IEnumerable<string> Sources(string root, string folder) =>
        Directory.EnumerateFiles(Path.Combine(root, folder), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar) && !f.Contains(Path.DirectorySeparatorChar + "bin" + Path.DirectorySeparatorChar))
            .Select(File.ReadAllText);

    private static byte[] Compile(string name, IEnumerable<string> sources, CSharpParseOptions parse, IEnumerable<MetadataReference> references)
    {
        var compilation = CSharpCompilation.Create(name, sources.Select(s => CSharpSyntaxTree.ParseText(s, parse)), references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Disable));
        using var stream = new MemoryStream();
        var result = compilation.Emit(stream);
        if (!result.Success)
            throw new InvalidOperationException(name + " does not compile with TINYCLR_V3:\n" +
                string.Join("\n", result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Take(20)));
        return stream.ToArray();
    }

    /// <summary>Resolves the 3.0 shim to the 3.0 build, everything else to the default context.</summary>
    private sealed class V3Context() : AssemblyLoadContext("TinyCLR 3.0 provider")
    {
        public Assembly? Shim { get; set; }

        protected override Assembly? Load(AssemblyName name) => name.Name == "Esp32At.TinyCLR.Shim" ? Shim : null;
    }
}
