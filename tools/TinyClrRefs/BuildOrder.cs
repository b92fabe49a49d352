namespace TinyClrRefs;

/// <summary>The order the assemblies must be compiled in: each after the ones its signatures mention.</summary>
public static class BuildOrder
{
    public static List<AssemblyDef> Sort(List<AssemblyDef> assemblies)
    {
        var owner = assemblies.SelectMany(a => a.Types.Select(t => (t.FullName, a))).ToDictionary(x => x.FullName, x => x.a);
        var deps = assemblies.ToDictionary(a => a, a => Mentioned(a).Select(n => owner.GetValueOrDefault(n)).OfType<AssemblyDef>().Where(d => d != a).ToHashSet());
        var sorted = new List<AssemblyDef>();
        var pending = assemblies.ToList();
        while (pending.Count > 0)
        {
            var next = pending.FirstOrDefault(a => deps[a].All(sorted.Contains))
                ?? throw new InvalidOperationException("cyclic assembly dependencies: " + string.Join(", ", pending.Select(a => a.Name)));
            sorted.Add(next);
            pending.Remove(next);
        }
        return sorted;
    }

    private static IEnumerable<string> Mentioned(AssemblyDef a) =>
        a.Types.SelectMany(t => t.Bases.Concat(t.Members.SelectMany(m => m.Parameters.Select(p => p.Type).Append(m.Type))))
            .Select(n => n.TrimEnd('[', ']'));
}
