using TinyClrRefs;

// Usage: TinyClrRefs <api-surface.txt> [<overlay, e.g. api-surface-3.0.txt>] <output folder>
// Writes one reference assembly per surface assembly (mscorlib.dll, GHIElectronics.TinyCLR.*.dll) and its stub source.
if (args.Length is not (2 or 3))
{
    Console.Error.WriteLine("usage: TinyClrRefs <api-surface.txt> [<overlay.txt>] <output folder>");
    return 2;
}
var output = args[^1];
Directory.CreateDirectory(output);
int failures = 0;
foreach (var assembly in ReferenceAssemblyBuilder.Build(File.ReadLines(args[0]), args.Length == 3 ? File.ReadLines(args[1]) : null))
{
    File.WriteAllText(Path.Combine(output, assembly.Name + ".stubs.cs"), assembly.Source);
    foreach (var error in assembly.Errors.Take(30)) Console.Error.WriteLine($"{assembly.Name}: {error}");
    if (assembly.Errors.Count > 0) { failures++; continue; }
    File.WriteAllBytes(Path.Combine(output, assembly.Name + ".dll"), assembly.Image);
    Console.WriteLine($"TinyClrRefs: {assembly.Name} {assembly.Version}: {assembly.TypeCount} types -> {assembly.Image.Length} bytes");
}
return failures == 0 ? 0 : 1;
