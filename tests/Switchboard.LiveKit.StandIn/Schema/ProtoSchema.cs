namespace Switchboard.LiveKit.StandIn.Schema;

/// <summary>The JSON-relevant kind of a protobuf field.</summary>
internal enum ProtoKind
{
    String,
    Bool,
    Int32,
    UInt32,
    Int64,
    Enum,
    Message,
    Duration,
    Timestamp,

    /// <summary>A message the stand-in never reads into (e.g. <c>livekit.RoomEgress</c>): any JSON object is taken as is.</summary>
    Opaque,
}

/// <summary>One field of a message, written down from LiveKit's .proto files: its proto name, kind and cardinality.</summary>
internal sealed record ProtoField(string Name, ProtoKind Kind, ProtoMessage? Message = null, ProtoEnum? Enum = null)
{
    public bool Repeated { get; init; }

    /// <summary><c>map&lt;string, …&gt;</c>; the value is described by <see cref="Kind"/>.</summary>
    public bool IsMap { get; init; }

    /// <summary>proto3 <c>optional</c>: written as <c>null</c> when unset.</summary>
    public bool Optional { get; init; }

    public string? Oneof { get; init; }

    /// <summary>The lowerCamelCase JSON name protobuf derives from the proto name.</summary>
    public string JsonName { get; } = CamelCase(Name);

    public static ProtoField Str(string name) => new(name, ProtoKind.String);

    public static ProtoField Bool(string name) => new(name, ProtoKind.Bool);

    public static ProtoField Int32(string name) => new(name, ProtoKind.Int32);

    public static ProtoField UInt32(string name) => new(name, ProtoKind.UInt32);

    public static ProtoField Int64(string name) => new(name, ProtoKind.Int64);

    public static ProtoField Enumeration(string name, ProtoEnum type) => new(name, ProtoKind.Enum, Enum: type);

    public static ProtoField Msg(string name, ProtoMessage type) => new(name, ProtoKind.Message, Message: type);

    public static ProtoField Duration(string name) => new(name, ProtoKind.Duration);

    public static ProtoField Timestamp(string name) => new(name, ProtoKind.Timestamp);

    public static ProtoField Opaque(string name) => new(name, ProtoKind.Opaque);

    public ProtoField List() => this with { Repeated = true };

    public ProtoField Map() => this with { IsMap = true };

    public ProtoField Opt() => this with { Optional = true };

    public ProtoField In(string oneof) => this with { Oneof = oneof };

    private static string CamelCase(string name)
    {
        var parts = name.Split('_');
        return parts[0] + string.Concat(parts.Skip(1).Select(p => p.Length == 0 ? "" : char.ToUpperInvariant(p[0]) + p[1..]));
    }
}

/// <summary>A protobuf message: its fields, found by proto name or by JSON name (case-sensitive, like protobuf JSON).</summary>
internal sealed class ProtoMessage
{
    private readonly Dictionary<string, ProtoField> _byName = new(StringComparer.Ordinal);

    public ProtoMessage(string fullName, params ProtoField[] fields)
    {
        FullName = fullName;
        Fields = fields;
        foreach (var field in fields)
        {
            _byName[field.Name] = field;
            _byName[field.JsonName] = field;
        }
    }

    public string FullName { get; }

    public IReadOnlyList<ProtoField> Fields { get; }

    public bool TryGetField(string name, out ProtoField field) => _byName.TryGetValue(name, out field!);
}

/// <summary>A protobuf enum: value names in number order as declared; the first is the zero value.</summary>
internal sealed class ProtoEnum(string fullName, params (string Name, int Number)[] values)
{
    public string FullName { get; } = fullName;

    public string ZeroName { get; } = values.Single(v => v.Number == 0).Name;

    public bool IsName(string name) => values.Any(v => v.Name == name);

    public string? NameOf(long number) => values.FirstOrDefault(v => v.Number == number).Name;
}
