using System.Globalization;
using System.Text.Json.Nodes;

namespace Switchboard.LiveKit.StandIn.Schema;

/// <summary>
/// Writes answers the way LiveKit does (livekit.md §3.2: proto names, every field present, zero values written, <c>null</c>
/// for unset messages and proto3 optionals, unset oneof members left out, int64 as strings, enums as names), or in the
/// lowerCamelCase, defaults-omitted form the stand-in can answer in to test a client's tolerance.
/// </summary>
internal static class ProtoJsonWriter
{
    /// <summary>Every field of <paramref name="type"/>, from the set fields of <paramref name="value"/> (proto names).</summary>
    public static JsonObject Complete(JsonObject? value, ProtoMessage type)
    {
        var result = new JsonObject();
        foreach (var field in type.Fields)
        {
            var present = value?[field.Name];
            if (present is null)
            {
                if (field.Oneof is null)
                {
                    result[field.Name] = DefaultOf(field);
                }

                continue;
            }

            result[field.Name] = field.Kind == ProtoKind.Message && !field.IsMap
                ? field.Repeated
                    ? new JsonArray([.. present.AsArray().Select(item => item is null ? null : (JsonNode)Complete(item.AsObject(), field.Message!))])
                    : Complete(present.AsObject(), field.Message!)
                : present.DeepClone();
        }

        return result;
    }

    /// <summary>A completed message in lowerCamelCase, with default values left out and int64 values as numbers.</summary>
    public static JsonObject CamelCase(JsonObject complete, ProtoMessage type)
    {
        var result = new JsonObject();
        foreach (var field in type.Fields)
        {
            var value = complete[field.Name];
            if (IsDefault(value, field))
            {
                continue;
            }

            result[field.JsonName] = (field.Kind, field.Repeated, field.IsMap) switch
            {
                (ProtoKind.Message, true, false) => new JsonArray([.. value!.AsArray().Select(item => item is null ? null : (JsonNode)CamelCase(item.AsObject(), field.Message!))]),
                (ProtoKind.Message, false, false) => CamelCase(value!.AsObject(), field.Message!),
                (ProtoKind.Int64, false, false) => JsonValue.Create(long.Parse(value!.GetValue<string>(), CultureInfo.InvariantCulture)),
                _ => value!.DeepClone(),
            };
        }

        return result;
    }

    private static JsonNode? DefaultOf(ProtoField field) => field switch
    {
        { IsMap: true } => new JsonObject(),
        { Repeated: true } => new JsonArray(),
        { Optional: true } => null,
        _ => field.Kind switch
        {
            ProtoKind.String => JsonValue.Create(""),
            ProtoKind.Bool => JsonValue.Create(false),
            ProtoKind.Int32 or ProtoKind.UInt32 => JsonValue.Create(0),
            ProtoKind.Int64 => JsonValue.Create("0"),
            ProtoKind.Enum => JsonValue.Create(field.Enum!.ZeroName),
            _ => null,
        },
    };

    private static bool IsDefault(JsonNode? value, ProtoField field) => value switch
    {
        null => true,
        JsonArray array => array.Count == 0,
        JsonObject map when field.IsMap => map.Count == 0,
        JsonValue scalar when !field.Optional => field.Kind switch
        {
            ProtoKind.String => scalar.GetValue<string>().Length == 0,
            ProtoKind.Bool => !scalar.GetValue<bool>(),
            ProtoKind.Int32 or ProtoKind.UInt32 => scalar.ToJsonString() == "0",
            ProtoKind.Int64 => scalar.GetValue<string>() == "0",
            ProtoKind.Enum => scalar.ToString() == field.Enum!.ZeroName,
            _ => false,
        },
        _ => false,
    };
}
