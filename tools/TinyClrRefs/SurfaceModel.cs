namespace TinyClrRefs;

/// <summary>One assembly of the surface file.</summary>
public sealed class AssemblyDef(string name, string version)
{
    public string Name { get; } = name;
    public string Version { get; } = version;
    public List<TypeDef> Types { get; } = [];
}

/// <summary>One type line of the surface file and its member lines.</summary>
public sealed class TypeDef(string kind, List<string> modifiers, string fullName, List<string> bases, List<string> attributes, AssemblyDef assembly)
{
    public string Kind { get; } = kind;
    public List<string> Modifiers { get; } = modifiers;
    public string FullName { get; } = fullName;
    /// <summary>Everything after ':' (base class and/or interfaces; for an enum, its underlying type).</summary>
    public List<string> Bases { get; } = bases;
    public List<string> Attributes { get; } = attributes;
    public AssemblyDef Assembly { get; } = assembly;
    public List<MemberDef> Members { get; } = [];
    public List<TypeDef> Nested { get; } = [];
    public TypeDef? Parent { get; set; }
    public string SimpleName => Parent is null ? FullName[(FullName.LastIndexOf('.') + 1)..] : FullName[(Parent.FullName.Length + 1)..];
    public string Namespace => FullName.Contains('.') ? FullName[..FullName.LastIndexOf('.')] : "";
    public bool Is(string modifier) => Modifiers.Contains(modifier);
}

public sealed record ParamDef(string Modifier, string Type, string Name);

/// <summary>A member line: field, ctor, property, event, method, invoke (delegate signature) or value (enum member).</summary>
public sealed class MemberDef
{
    public required string Kind { get; init; }
    public string Visibility { get; init; } = "public";
    public List<string> Modifiers { get; init; } = [];
    public string Type { get; init; } = "";
    public string Name { get; init; } = "";
    public List<ParamDef> Parameters { get; init; } = [];
    public string? Value { get; init; }
    public bool HasGetter { get; init; }
    public bool HasSetter { get; init; }
    public bool IsIndexer { get; init; }
    public bool Is(string modifier) => Modifiers.Contains(modifier);
    public string SignatureKey => Name + "(" + string.Join(",", Parameters.Select(p => p.Modifier + p.Type)) + ")";
}
