using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Switchboard.LiveKit.StandIn.Schema;

/// <summary>
/// Reads a request body the way protobuf JSON does (proto or lowerCamelCase names, case-sensitive; int64 as number or string;
/// enums as name or number; <c>null</c> = unset), but refuses what LiveKit would silently drop: an unknown or misspelt field, a
/// field given under both names, a second member of a oneof, a value of the wrong type. The result uses proto names only and
/// holds only the fields that were set.
/// </summary>
internal static partial class ProtoJsonReader
{
    public static JsonObject Read(string body, ProtoMessage type)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, new JsonDocumentOptions { AllowDuplicateProperties = false, MaxDepth = 64 });
        }
        catch (JsonException exception)
        {
            throw TwirpFailure.Malformed($"the json request could not be decoded: {exception.Message}");
        }

        using (document)
        {
            return ReadMessage(document.RootElement, type, type.FullName);
        }
    }

    public static JsonObject ReadMessage(JsonElement json, ProtoMessage type, string path)
    {
        if (json.ValueKind != JsonValueKind.Object)
        {
            throw Bad(path, $"expected an object ({type.FullName})");
        }

        var result = new JsonObject();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var oneofs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in json.EnumerateObject())
        {
            if (!type.TryGetField(property.Name, out var field))
            {
                throw Bad(path, $"unknown field \"{property.Name}\" in {type.FullName}");
            }

            if (!seen.Add(field.Name))
            {
                throw Bad(path, $"field \"{field.Name}\" is given twice (as \"{field.Name}\" and \"{field.JsonName}\")");
            }

            if (property.Value.ValueKind == JsonValueKind.Null)
            {
                continue;
            }

            if (field.Oneof is { } oneof && !oneofs.TryAdd(oneof, field.Name))
            {
                throw Bad(path, $"oneof \"{oneof}\" has two members set: \"{oneofs[oneof]}\" and \"{field.Name}\"");
            }

            result[field.Name] = ReadField(property.Value, field, $"{path}.{field.Name}");
        }

        return result;
    }

    private static JsonNode ReadField(JsonElement json, ProtoField field, string path)
    {
        if (field.IsMap)
        {
            if (json.ValueKind != JsonValueKind.Object)
            {
                throw Bad(path, "expected an object (map)");
            }

            var map = new JsonObject();
            foreach (var entry in json.EnumerateObject())
            {
                map[entry.Name] = ReadValue(entry.Value, field, $"{path}[\"{entry.Name}\"]");
            }

            return map;
        }

        if (field.Repeated)
        {
            if (json.ValueKind != JsonValueKind.Array)
            {
                throw Bad(path, "expected a list");
            }

            var list = new JsonArray();
            var index = 0;
            foreach (var item in json.EnumerateArray())
            {
                list.Add(ReadValue(item, field, $"{path}[{index++}]"));
            }

            return list;
        }

        return ReadValue(json, field, path);
    }

    private static JsonNode ReadValue(JsonElement json, ProtoField field, string path)
    {
        switch (field.Kind)
        {
            case ProtoKind.String when json.ValueKind == JsonValueKind.String:
                return JsonValue.Create(json.GetString()!);
            case ProtoKind.Bool when json.ValueKind is JsonValueKind.True or JsonValueKind.False:
                return JsonValue.Create(json.GetBoolean());
            case ProtoKind.Int32 when Integer(json) is { } number && number is >= int.MinValue and <= int.MaxValue:
                return JsonValue.Create((int)number);
            case ProtoKind.UInt32 when Integer(json) is { } number && number is >= 0 and <= uint.MaxValue:
                return JsonValue.Create((uint)number);
            case ProtoKind.Int64 when Integer(json) is { } number:
                return JsonValue.Create(number.ToString(CultureInfo.InvariantCulture));
            case ProtoKind.Enum when json.ValueKind == JsonValueKind.String && field.Enum!.IsName(json.GetString()!):
                return JsonValue.Create(json.GetString()!);
            case ProtoKind.Enum when json.ValueKind == JsonValueKind.Number && json.TryGetInt32(out var number):
                return field.Enum!.NameOf(number) is { } name ? JsonValue.Create(name) : JsonValue.Create(number);
            case ProtoKind.Message:
                return ReadMessage(json, field.Message!, path);
            case ProtoKind.Duration when json.ValueKind == JsonValueKind.String && DurationPattern().IsMatch(json.GetString()!):
                return JsonValue.Create(json.GetString()!);
            case ProtoKind.Timestamp when json.ValueKind == JsonValueKind.String && TimestampPattern().IsMatch(json.GetString()!):
                return JsonValue.Create(json.GetString()!);
            case ProtoKind.Opaque when json.ValueKind == JsonValueKind.Object:
                return JsonNode.Parse(json.GetRawText())!;
            default:
                var expected = field.Kind == ProtoKind.Enum ? $"a {field.Enum!.FullName} name" : field.Kind.ToString();
                throw Bad(path, $"expected {expected}, got {json.ValueKind} {Shorten(json.GetRawText())}");
        }
    }

    /// <summary>An integer given as a JSON number or a decimal string, as protobuf JSON allows for every integer type.</summary>
    private static long? Integer(JsonElement json) => json.ValueKind switch
    {
        JsonValueKind.Number when json.TryGetInt64(out var number) => number,
        JsonValueKind.String when long.TryParse(json.GetString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) => number,
        _ => null,
    };

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";

    private static TwirpFailure Bad(string path, string problem) => TwirpFailure.Malformed($"the json request could not be decoded: {path}: {problem}");

    [GeneratedRegex(@"^-?\d+(\.\d{1,9})?s$")]
    private static partial Regex DurationPattern();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$")]
    private static partial Regex TimestampPattern();
}
