namespace TinyClrRefs;

/// <summary>Reads the grammar documented in the header of tinyclr/api-surface.txt.</summary>
public static class SurfaceParser
{
    private static readonly HashSet<string> MemberModifiers = ["static", "virtual", "abstract", "override", "sealed-override", "const", "readonly"];

    public static List<AssemblyDef> Parse(IEnumerable<string> lines) => Parse(lines, null);

    /// <summary>
    /// Reads a surface file, then an overlay (api-surface-3.0.txt): an overlay's <c>assembly NAME</c> line or a
    /// <c>type</c> line naming one the base already has adds to it; an overlay member the base already has is an error.
    /// </summary>
    public static List<AssemblyDef> Parse(IEnumerable<string> lines, IEnumerable<string>? overlay)
    {
        var assemblies = new List<AssemblyDef>();
        Read(lines, assemblies, merge: false, "api surface");
        if (overlay is not null) Read(overlay, assemblies, merge: true, "api surface overlay");
        LinkNestedTypes(assemblies);
        return assemblies;
    }

    private static void Read(IEnumerable<string> lines, List<AssemblyDef> assemblies, bool merge, string what)
    {
        AssemblyDef? assembly = null;
        TypeDef? type = null;
        int lineNumber = 0;
        foreach (var raw in lines)
        {
            lineNumber++;
            if (raw.Length == 0 || raw.StartsWith('#')) continue;
            try
            {
                if (raw.StartsWith("assembly "))
                {
                    var parts = raw.Split(' ');
                    assembly = merge ? assemblies.FirstOrDefault(a => a.Name == parts[1]) : null;
                    if (assembly is null)
                    {
                        assembly = new AssemblyDef(parts[1], parts.Length > 2 ? parts[2] : throw new FormatException("a new assembly needs a version"));
                        assemblies.Add(assembly);
                    }
                    type = null;
                }
                else if (raw.StartsWith("type "))
                {
                    var parsed = ParseType(raw, assembly ?? throw new FormatException("type before any assembly"));
                    type = merge ? assemblies.SelectMany(a => a.Types).FirstOrDefault(t => t.FullName == parsed.FullName) : null;
                    if (type is null)
                    {
                        type = parsed;
                        assembly.Types.Add(type);
                    }
                    else if (type.Assembly != assembly) throw new FormatException($"{type.FullName} is in {type.Assembly.Name}");
                }
                else if (raw.StartsWith("  "))
                {
                    var member = ParseMember(raw.Trim());
                    var owner = type ?? throw new FormatException("member before any type");
                    if (merge && owner.Members.Any(m => m.Kind == member.Kind && m.SignatureKey == member.SignatureKey))
                        throw new FormatException("the base already has this member (an overlay only adds)");
                    owner.Members.Add(member);
                }
                else throw new FormatException("unknown line kind");
            }
            catch (Exception e) when (e is FormatException or IndexOutOfRangeException or ArgumentException)
            {
                throw new FormatException($"{what} line {lineNumber}: {e.Message}: {raw}", e);
            }
        }
    }

    private static TypeDef ParseType(string line, AssemblyDef assembly)
    {
        var attributes = new List<string>();
        int attrAt = line.IndexOf("  [", StringComparison.Ordinal);
        if (attrAt > 0)
        {
            var attrText = line[(attrAt + 3)..].TrimEnd(']');
            attributes.AddRange(attrText.Split(", "));
            line = line[..attrAt];
        }
        var bases = new List<string>();
        int colon = line.IndexOf(" : ", StringComparison.Ordinal);
        if (colon > 0)
        {
            bases.AddRange(line[(colon + 3)..].Split(", ").Select(s => s.Trim()));
            line = line[..colon];
        }
        var words = line.Split(' ');
        var kind = words[1];
        var modifiers = words[2..^1].ToList();
        return new TypeDef(kind, modifiers, words[^1], bases, attributes, assembly);
    }

    private static MemberDef ParseMember(string line)
    {
        var kind = line[..line.IndexOf(' ')];
        var rest = line[(kind.Length + 1)..];
        switch (kind)
        {
            case "value":
            {
                var eq = rest.IndexOf(" = ", StringComparison.Ordinal);
                return new MemberDef { Kind = kind, Name = rest[..eq], Value = rest[(eq + 3)..] };
            }
            case "invoke":
            {
                var paren = rest.IndexOf(" (", StringComparison.Ordinal);
                return new MemberDef { Kind = kind, Type = rest[..paren], Parameters = ParseParams(rest[(paren + 2)..^1]) };
            }
            case "ctor":
            {
                var paren = rest.IndexOf(" (", StringComparison.Ordinal);
                return new MemberDef { Kind = kind, Visibility = rest[..paren], Parameters = ParseParams(rest[(paren + 2)..^1]) };
            }
            case "field":
            {
                string? value = null;
                var eq = rest.IndexOf(" = ", StringComparison.Ordinal);
                if (eq > 0) { value = rest[(eq + 3)..]; rest = rest[..eq]; }
                var (vis, mods, words) = SplitHead(rest);
                return new MemberDef { Kind = kind, Visibility = vis, Modifiers = mods, Type = words[0], Name = words[1], Value = value };
            }
            case "event":
            {
                var (vis, mods, words) = SplitHead(rest);
                return new MemberDef { Kind = kind, Visibility = vis, Modifiers = mods, Type = words[0], Name = words[1] };
            }
            case "property":
            {
                var brace = rest.IndexOf(" {", StringComparison.Ordinal);
                var accessors = rest[brace..];
                var head = rest[..brace];
                var indexerAt = head.IndexOf(" this[", StringComparison.Ordinal);
                List<ParamDef> parameters = [];
                string name;
                if (indexerAt > 0)
                {
                    parameters = ParseParams(head[(indexerAt + 6)..^1]);
                    head = head[..indexerAt];
                    name = "this";
                }
                else
                {
                    name = head[(head.LastIndexOf(' ') + 1)..];
                    head = head[..head.LastIndexOf(' ')];
                }
                var (vis, mods, words) = SplitHead(head);
                return new MemberDef
                {
                    Kind = kind, Visibility = vis, Modifiers = mods, Type = words[0], Name = name, Parameters = parameters,
                    IsIndexer = indexerAt > 0, HasGetter = accessors.Contains("get;"), HasSetter = accessors.Contains("set;"),
                };
            }
            case "method":
            {
                var paren = rest.IndexOf('(');
                var (vis, mods, words) = SplitHead(rest[..paren]);
                return new MemberDef { Kind = kind, Visibility = vis, Modifiers = mods, Type = words[0], Name = words[1], Parameters = ParseParams(rest[(paren + 1)..^1]) };
            }
            default:
                throw new FormatException($"unknown member kind '{kind}'");
        }
    }

    private static (string Visibility, List<string> Modifiers, string[] Words) SplitHead(string head)
    {
        var words = head.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        int i = 1;
        var mods = new List<string>();
        while (i < words.Length && MemberModifiers.Contains(words[i])) mods.Add(words[i++]);
        return (words[0], mods, words[i..]);
    }

    private static List<ParamDef> ParseParams(string text)
    {
        if (string.IsNullOrWhiteSpace(text)) return [];
        return text.Split(", ").Select(p =>
        {
            var w = p.Trim().Split(' ');
            return w.Length == 3 ? new ParamDef(w[0], w[1], w[2]) : new ParamDef("", w[0], w[1]);
        }).ToList();
    }

    private static void LinkNestedTypes(List<AssemblyDef> assemblies)
    {
        var byName = assemblies.SelectMany(a => a.Types).ToDictionary(t => t.FullName);
        foreach (var t in byName.Values)
        {
            var name = t.FullName;
            for (int dot = name.LastIndexOf('.'); dot > 0; dot = name.LastIndexOf('.', dot - 1))
            {
                if (byName.TryGetValue(name[..dot], out var outer)) { t.Parent = outer; outer.Nested.Add(t); break; }
            }
        }
    }
}
