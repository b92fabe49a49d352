using System.Text;

namespace TinyClrRefs;

/// <summary>
/// Writes C# stub source for one assembly of the surface: every listed type and member, bodies <c>throw null;</c>,
/// plus what C# needs but the surface cannot list (explicit interface implementations, constructors, base chaining).
/// </summary>
public sealed class StubEmitter(IReadOnlyDictionary<string, TypeDef> allTypes)
{
    private static readonly Dictionary<string, string> Operators = new()
    {
        ["op_Equality"] = "==", ["op_Inequality"] = "!=", ["op_GreaterThan"] = ">", ["op_LessThan"] = "<",
        ["op_GreaterThanOrEqual"] = ">=", ["op_LessThanOrEqual"] = "<=", ["op_Addition"] = "+", ["op_Subtraction"] = "-",
        ["op_Multiply"] = "*", ["op_Division"] = "/", ["op_Modulus"] = "%", ["op_UnaryNegation"] = "-", ["op_UnaryPlus"] = "+",
        ["op_Increment"] = "++", ["op_Decrement"] = "--", ["op_BitwiseAnd"] = "&", ["op_BitwiseOr"] = "|", ["op_ExclusiveOr"] = "^",
        ["op_OnesComplement"] = "~", ["op_LogicalNot"] = "!",
    };

    private static readonly Dictionary<string, string> EnumBases = new()
    {
        ["System.Int32"] = "int", ["System.UInt32"] = "uint", ["System.Int16"] = "short", ["System.UInt16"] = "ushort",
        ["System.Byte"] = "byte", ["System.SByte"] = "sbyte", ["System.Int64"] = "long", ["System.UInt64"] = "ulong",
    };

    public string Emit(AssemblyDef assembly)
    {
        var sb = new StringBuilder();
        sb.AppendLine("// Generated from tinyclr/api-surface.txt by tools/TinyClrRefs. Reference stubs only: do not edit.");
        sb.AppendLine("#pragma warning disable");
        sb.AppendLine($"[assembly: global::System.Reflection.AssemblyVersion(\"{assembly.Version}\")]");
        foreach (var group in assembly.Types.Where(t => t.Parent is null).GroupBy(t => t.Namespace))
        {
            sb.AppendLine($"namespace {group.Key}");
            sb.AppendLine("{");
            foreach (var type in group) EmitType(sb, type, 1);
            sb.AppendLine("}");
        }
        return sb.ToString();
    }

    private static string T(string type) => type == "System.Void" ? "void" : "global::" + type;

    private static string Id(string name) => "@" + name;

    private static string Params(IEnumerable<ParamDef> ps) =>
        string.Join(", ", ps.Select(p => (p.Modifier.Length > 0 ? p.Modifier + " " : "") + T(p.Type) + " " + Id(p.Name)));

    private void EmitType(StringBuilder sb, TypeDef type, int depth)
    {
        var pad = new string(' ', depth * 4);
        foreach (var attr in type.Attributes) EmitTypeAttribute(sb, pad, attr);
        var name = Id(type.SimpleName);
        switch (type.Kind)
        {
            case "delegate":
            {
                var invoke = type.Members.Single(m => m.Kind == "invoke");
                sb.AppendLine($"{pad}public delegate {T(invoke.Type)} {name}({Params(invoke.Parameters)});");
                return;
            }
            case "enum":
            {
                var underlying = type.Bases.Count > 0 && EnumBases.TryGetValue(type.Bases[0], out var b) ? " : " + b : "";
                sb.AppendLine($"{pad}public enum {name}{underlying}");
                sb.AppendLine($"{pad}{{");
                foreach (var v in type.Members.Where(m => m.Kind == "value")) sb.AppendLine($"{pad}    {Id(v.Name)} = {v.Value},");
                sb.AppendLine($"{pad}}}");
                return;
            }
        }

        var (baseClass, interfaces) = SplitBases(type);
        var heads = new List<string>();
        if (baseClass is not null) heads.Add(T(baseClass));
        heads.AddRange(interfaces.Select(T));
        var mods = type.Kind == "class"
            ? (type.Is("static") ? "static " : type.Is("abstract") ? "abstract " : type.Is("sealed") ? "sealed " : "")
            : "";
        var keyword = type.Kind == "struct" ? "struct" : type.Kind == "interface" ? "interface" : "class";
        sb.AppendLine($"{pad}public {mods}{keyword} {name}{(heads.Count > 0 ? " : " + string.Join(", ", heads) : "")}");
        sb.AppendLine($"{pad}{{");
        var inner = pad + "    ";
        bool isInterface = type.Kind == "interface";
        foreach (var m in type.Members) EmitMember(sb, inner, type, m, isInterface);
        if (type.Kind == "class" && !type.Is("static")) EmitSynthesizedConstructor(sb, inner, type, baseClass);
        if (!isInterface) EmitExplicitInterfaceImplementations(sb, inner, type, baseClass, interfaces);
        foreach (var nested in type.Nested) EmitType(sb, nested, depth + 1);
        sb.AppendLine($"{pad}}}");
    }

    private static void EmitTypeAttribute(StringBuilder sb, string pad, string attr)
    {
        if (attr == "Flags") sb.AppendLine($"{pad}[global::System.Flags]");
        else if (attr.StartsWith("Usage("))
        {
            // Usage(TARGETS[;Inherited=True,AllowMultiple=False])
            var parts = attr[6..^1].Split(';');
            var named = parts.Length > 1 ? parts[1].Split(',').Select(kv => ", " + kv.Replace("=", " = ").Replace("True", "true").Replace("False", "false")) : [];
            sb.AppendLine($"{pad}[global::System.AttributeUsage((global::System.AttributeTargets){parts[0]}{string.Concat(named)})]");
        }
        // DefaultMember(...) is emitted by the compiler for indexers.
    }

    /// <summary>The first listed base is the base class when it is a class; the rest are interfaces.</summary>
    private (string? BaseClass, List<string> Interfaces) SplitBases(TypeDef type)
    {
        var list = type.Bases.ToList();
        string? baseClass = null;
        if (type.Kind == "class" && list.Count > 0 && (!allTypes.TryGetValue(list[0], out var first) || first.Kind == "class"))
        {
            baseClass = list[0];
            list.RemoveAt(0);
        }
        return (baseClass, list);
    }

    private void EmitMember(StringBuilder sb, string pad, TypeDef type, MemberDef m, bool isInterface)
    {
        var vis = isInterface ? "" : m.Visibility + " ";
        var mods = isInterface ? "" : string.Join("", m.Modifiers.Where(x => x is not ("const" or "readonly")).Select(x => x == "sealed-override" ? "sealed override " : x + " "));
        bool bodiless = isInterface || m.Is("abstract");
        switch (m.Kind)
        {
            case "field":
                if (m.Is("const")) sb.AppendLine($"{pad}{vis}const {T(m.Type)} {Id(m.Name)} = {ConstValue(m)};");
                else sb.AppendLine($"{pad}{vis}{mods}{(m.Is("readonly") ? "readonly " : "")}{T(m.Type)} {Id(m.Name)};");
                break;
            case "ctor":
                if (type.Kind == "struct" && m.Parameters.Count == 0) break; // C# 7.3 allows no explicit parameterless struct ctor
                sb.AppendLine($"{pad}{vis}{Id(type.SimpleName)}({Params(m.Parameters)}){BaseChain(type, SplitBases(type).BaseClass)} {{ throw null; }}");
                break;
            case "property":
            {
                var name = m.IsIndexer ? $"this[{Params(m.Parameters)}]" : Id(m.Name);
                var get = m.HasGetter ? (bodiless ? "get; " : "get { throw null; } ") : "";
                var set = m.HasSetter ? (bodiless ? "set; " : "set { throw null; } ") : "";
                sb.AppendLine($"{pad}{vis}{mods}{T(m.Type)} {name} {{ {get}{set}}}");
                break;
            }
            case "event":
                sb.AppendLine(bodiless
                    ? $"{pad}{vis}{mods}event {T(m.Type)} {Id(m.Name)};"
                    : $"{pad}{vis}{mods}event {T(m.Type)} {Id(m.Name)} {{ add {{ }} remove {{ }} }}");
                break;
            case "method":
                if (m.Name == "Finalize") break; // only expressible as a destructor
                if (m.Name is "op_Implicit" or "op_Explicit")
                    sb.AppendLine($"{pad}public static {(m.Name == "op_Implicit" ? "implicit" : "explicit")} operator {T(m.Type)}({Params(m.Parameters)}) {{ throw null; }}");
                else if (Operators.TryGetValue(m.Name, out var op))
                    sb.AppendLine($"{pad}public static {T(m.Type)} operator {op}({Params(m.Parameters)}) {{ throw null; }}");
                else
                    sb.AppendLine($"{pad}{vis}{mods}{T(m.Type)} {Id(m.Name)}({Params(m.Parameters)}){(bodiless ? ";" : " { throw null; }")}");
                break;
        }
    }

    private string ConstValue(MemberDef m)
    {
        var v = m.Value ?? throw new FormatException($"const {m.Name} has no value");
        bool single = m.Type == "System.Single";
        switch (v)
        {
            case "NaN": return single ? "0.0f / 0.0f" : "0.0 / 0.0";
            case "Infinity": return single ? "1.0f / 0.0f" : "1.0 / 0.0";
            case "-Infinity": return single ? "-1.0f / 0.0f" : "-1.0 / 0.0";
            case "True": return "true";
            case "False": return "false";
        }
        if (allTypes.TryGetValue(m.Type, out var t) && t.Kind == "enum") return $"({T(m.Type)})({v})";
        return m.Type switch
        {
            "System.Single" => v + "f",
            "System.Double" => v.Contains('.') || v.Contains('E') ? v : v + ".0",
            "System.Int64" when v.StartsWith('-') => v + "L",
            "System.UInt64" => v + "UL",
            "System.UInt32" => v + "U",
            _ => v,
        };
    }

    /// <summary>Constructors the surface does not list (it lists none) still have to exist so derived stubs compile.</summary>
    private void EmitSynthesizedConstructor(StringBuilder sb, string pad, TypeDef type, string? baseClass)
    {
        if (type.Members.Any(m => m.Kind == "ctor")) return;
        var vis = type.Is("sealed") ? "internal" : "protected internal";
        sb.AppendLine($"{pad}{vis} {Id(type.SimpleName)}(){BaseChain(type, baseClass)} {{ throw null; }}");
    }

    /// <summary>Chains to the base constructor with the fewest parameters when the base has no parameterless one.</summary>
    private string BaseChain(TypeDef type, string? baseClass)
    {
        if (baseClass is null || !allTypes.TryGetValue(baseClass, out var b)) return "";
        var ctors = b.Members.Where(m => m.Kind == "ctor").ToList();
        if (ctors.Count == 0 || ctors.Any(c => c.Parameters.Count == 0)) return "";
        var pick = ctors.OrderBy(c => c.Parameters.Count).First();
        return " : base(" + string.Join(", ", pick.Parameters.Select(p => $"default({T(p.Type)})")) + ")";
    }

    /// <summary>
    /// Explicit implementations are private in metadata, so the surface omits them; a class listing an interface
    /// whose members it does not list publicly gets them here.
    /// </summary>
    private void EmitExplicitInterfaceImplementations(StringBuilder sb, string pad, TypeDef type, string? baseClass, List<string> interfaces)
    {
        var available = new HashSet<string>();
        for (var t = type; t is not null; t = BaseOf(t))
            foreach (var m in t.Members.Where(m => m.Visibility == "public" && !m.Is("static"))) available.Add(m.Kind + ":" + m.Type + " " + m.SignatureKey);
        var implementedByBase = new HashSet<string>();
        for (var t = baseClass is not null && allTypes.TryGetValue(baseClass, out var bt) ? bt : null; t is not null; t = BaseOf(t))
            foreach (var i in AllInterfaces(SplitBases(t).Interfaces)) implementedByBase.Add(i);
        var done = new HashSet<string>();
        foreach (var iface in AllInterfaces(interfaces))
        {
            if (implementedByBase.Contains(iface) || !allTypes.TryGetValue(iface, out var idef)) continue;
            foreach (var m in idef.Members)
            {
                var key = m.Kind + ":" + m.Type + " " + m.SignatureKey;
                if (available.Contains(key) || !done.Add(iface + key)) continue;
                var owner = T(iface);
                switch (m.Kind)
                {
                    case "method":
                        sb.AppendLine($"{pad}{T(m.Type)} {owner}.{Id(m.Name)}({Params(m.Parameters)}) {{ throw null; }}");
                        break;
                    case "property":
                        var name = m.IsIndexer ? $"this[{Params(m.Parameters)}]" : Id(m.Name);
                        sb.AppendLine($"{pad}{T(m.Type)} {owner}.{name} {{ {(m.HasGetter ? "get { throw null; } " : "")}{(m.HasSetter ? "set { throw null; } " : "")}}}");
                        break;
                    case "event":
                        sb.AppendLine($"{pad}event {T(m.Type)} {owner}.{Id(m.Name)} {{ add {{ }} remove {{ }} }}");
                        break;
                }
            }
        }
    }

    private TypeDef? BaseOf(TypeDef t)
    {
        var b = SplitBases(t).BaseClass;
        return b is not null && allTypes.TryGetValue(b, out var def) ? def : null;
    }

    private IEnumerable<string> AllInterfaces(IEnumerable<string> direct)
    {
        var seen = new List<string>();
        var stack = new Stack<string>(direct.Reverse());
        while (stack.Count > 0)
        {
            var i = stack.Pop();
            if (seen.Contains(i)) continue;
            seen.Add(i);
            if (allTypes.TryGetValue(i, out var def)) foreach (var parent in def.Bases) stack.Push(parent);
        }
        return seen;
    }
}
