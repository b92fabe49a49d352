using TinyClrRefs;

// Usage: TinyClrRefs <api-surface.txt> <output folder>
// Writes one reference assembly per surface assembly (mscorlib.dll, GHIElectronics.TinyCLR.*.dll) and its stub source.
if (args.Length != 2)
{
    Console.Error.WriteLine("usage: TinyClrRefs <api-surface.txt> <output folder>");
    return 2;
}
Directory.CreateDirectory(args[1]);
int failures = 0;
foreach (var assembly in ReferenceAssemblyBuilder.Build(File.ReadLines(args[0])))
{
    File.WriteAllText(Path.Combine(args[1], assembly.Name + ".stubs.cs"), assembly.Source);
    foreach (var error in assembly.Errors.Take(30)) Console.Error.WriteLine($"{assembly.Name}: {error}");
    if (assembly.Errors.Count > 0) { failures++; continue; }
    File.WriteAllBytes(Path.Combine(args[1], assembly.Name + ".dll"), assembly.Image);
    Console.WriteLine($"TinyClrRefs: {assembly.Name} {assembly.Version}: {assembly.TypeCount} types -> {assembly.Image.Length} bytes");
}
return failures == 0 ? 0 : 1;
