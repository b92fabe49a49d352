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

    [Fact]
    public void TheTinyClr3OverlayAddsShutdownSocketShutdownAndAccessPointAndNothingElse()
    {
        static (int Types, HashSet<string> Members) Shape(IReadOnlyList<TinyClrRefs.GeneratedAssembly> set)
        {
            int types = 0;
            var members = new HashSet<string>();
            foreach (var a in set)
            {
                Assert.Empty(a.Errors);
                using var pe = new PEReader(new MemoryStream(a.Image));
                var md = pe.GetMetadataReader();
                foreach (var t in md.TypeDefinitions.Select(md.GetTypeDefinition))
                {
                    var name = FullName(md, t);
                    if (name == "<Module>") continue;
                    types++;
                    foreach (var m in t.GetMethods().Select(md.GetMethodDefinition)) members.Add(name + "::" + md.GetString(m.Name));
                    foreach (var f in t.GetFields().Select(md.GetFieldDefinition)) members.Add(name + "::" + md.GetString(f.Name));
                }
            }
            return (types, members);
        }
        var (types22, members22) = Shape(TinyClrReferences.Assemblies);
        var (types3, members3) = Shape(TinyClrReferences.AssembliesV3);
        Assert.Equal(types22 + 1, types3); // System.Net.Sockets.SocketShutdown
        var added = string.Join("\n", members3.Except(members22).Order(StringComparer.Ordinal));
        Assert.Equal(string.Join("\n", new[]
        {
            // NetworkControllerApiWrapper implements the grown interface (an explicit implementation the generator adds).
            "GHIElectronics.TinyCLR.Devices.Network.Provider.NetworkControllerApiWrapper::global::GHIElectronics.TinyCLR.Networking.INetworkProvider.Shutdown",
            "GHIElectronics.TinyCLR.Devices.Network.WiFiMode::AccessPoint",
            "GHIElectronics.TinyCLR.Networking.INetworkProvider::Shutdown",
            "System.Net.Sockets.Socket::Shutdown",
            "System.Net.Sockets.SocketShutdown::Both", "System.Net.Sockets.SocketShutdown::Receive",
            "System.Net.Sockets.SocketShutdown::Send", "System.Net.Sockets.SocketShutdown::value__",
        }), added);
        Assert.Empty(members22.Except(members3));
    }

    [Fact]
    public void AnOverlayRepeatingABaseMemberOrAddingAnAssemblyWithoutVersionIsRejected()
    {
        string[] surface = ["assembly A 1.0.0.0", "type enum E : System.Int32", "  value X = 0"];
        var merged = TinyClrRefs.SurfaceParser.Parse(surface, ["assembly A", "type enum E : System.Int32", "  value Y = 1"]);
        Assert.Equal(["X", "Y"], merged.Single().Types.Single().Members.Select(m => m.Name));
        Assert.Equal("1.0.0.0", merged.Single().Version);
        var repeat = Assert.Throws<FormatException>(() => TinyClrRefs.SurfaceParser.Parse(surface, ["assembly A", "type enum E : System.Int32", "  value X = 0"]));
        Assert.Contains("overlay line 3", repeat.Message);
        Assert.Throws<FormatException>(() => TinyClrRefs.SurfaceParser.Parse(surface, ["assembly B", "type enum F : System.Int32"]));
    }

    private static string FullName(MetadataReader md, TypeDefinition t)
    {
        var declaring = t.GetDeclaringType();
        if (!declaring.IsNil) return FullName(md, md.GetTypeDefinition(declaring)) + "." + md.GetString(t.Name);
        var ns = md.GetString(t.Namespace);
        return ns.Length == 0 ? md.GetString(t.Name) : ns + "." + md.GetString(t.Name);
    }
}
