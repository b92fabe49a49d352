using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace Esp32At.Tests.DeviceProfile;

public class ReferenceGeneratorTests
{
    [Fact]
    public void EveryAssemblyOfTheSurfaceIsGeneratedWithItsRealNameAndVersion()
    {
        var names = TinyClrReferences.Assemblies.Select(a => a.Name).Order().ToArray();
        Assert.Equal(new[]
        {
            "GHIElectronics.TinyCLR.Devices.Gpio", "GHIElectronics.TinyCLR.Devices.Network", "GHIElectronics.TinyCLR.Devices.Spi",
            "GHIElectronics.TinyCLR.Devices.Uart", "GHIElectronics.TinyCLR.Native", "GHIElectronics.TinyCLR.Networking",
            "GHIElectronics.TinyCLR.Networking.Http", "mscorlib",
        }, names);
        foreach (var a in TinyClrReferences.Assemblies)
        {
            Assert.Empty(a.Errors);
            using var pe = new PEReader(new MemoryStream(a.Image));
            var md = pe.GetMetadataReader();
            var def = md.GetAssemblyDefinition();
            Assert.Equal(a.Name, md.GetString(def.Name));
            Assert.Equal(new Version(2, 2, 1, 2000), def.Version);
        }
    }

    [Fact]
    public void EveryTypeOfTheSurfaceIsInItsAssembly()
    {
        var surface = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "tinyclr", "api-surface.txt"));
        string? current = null;
        var expected = new Dictionary<string, HashSet<string>>();
        foreach (var line in surface)
        {
            if (line.StartsWith("assembly ")) expected[current = line.Split(' ')[1]] = [];
            else if (line.StartsWith("type ")) expected[current!].Add(line.Split("  [")[0].Split(" : ")[0].Split(' ')[^1]);
        }
        Assert.Equal(330, expected.Values.Sum(s => s.Count));
        foreach (var a in TinyClrReferences.Assemblies)
        {
            using var pe = new PEReader(new MemoryStream(a.Image));
            var md = pe.GetMetadataReader();
            var actual = md.TypeDefinitions.Select(h => FullName(md, md.GetTypeDefinition(h))).Where(n => n != "<Module>").ToHashSet();
            Assert.Equal(expected[a.Name].Order(), actual.Order());
        }
    }

    private static string FullName(MetadataReader md, TypeDefinition t)
    {
        var declaring = t.GetDeclaringType();
        if (!declaring.IsNil) return FullName(md, md.GetTypeDefinition(declaring)) + "." + md.GetString(t.Name);
        var ns = md.GetString(t.Namespace);
        return ns.Length == 0 ? md.GetString(t.Name) : ns + "." + md.GetString(t.Name);
    }
}
