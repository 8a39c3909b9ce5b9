using System.Collections.Frozen;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Switchboard.LiveKit.Api.Json;

/// <summary>
/// Writes a protobuf enum as its value name (<see cref="JsonStringEnumMemberNameAttribute"/>) and reads a name or a number.
/// A name this client does not know reads as the zero value, as LiveKit's SDKs leave an unknown name unset (protobuf-es with
/// <c>ignoreUnknownFields</c>): a server that gained a value must not break every call that returns it.
/// </summary>
internal sealed class ProtoEnumConverter<TEnum> : JsonConverter<TEnum>
    where TEnum : struct, Enum
{
    private static readonly FrozenDictionary<string, TEnum> ByName;
    private static readonly FrozenDictionary<TEnum, JsonEncodedText> NameOf;

    static ProtoEnumConverter()
    {
        var byName = new Dictionary<string, TEnum>(StringComparer.Ordinal);
        var nameOf = new Dictionary<TEnum, JsonEncodedText>();
        foreach (var field in typeof(TEnum).GetFields(BindingFlags.Public | BindingFlags.Static))
        {
            var name = field.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? field.Name;
            var value = (TEnum)field.GetValue(null)!;
            byName[name] = value;
            nameOf[value] = JsonEncodedText.Encode(name);
        }

        ByName = byName.ToFrozenDictionary(StringComparer.Ordinal);
        NameOf = nameOf.ToFrozenDictionary();
    }

    public override TEnum Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.String => ByName.GetValueOrDefault(reader.GetString()!),
        JsonTokenType.Number when reader.TryGetInt32(out var number) => (TEnum)Enum.ToObject(typeof(TEnum), number),
        _ => throw new JsonException($"Expected a {typeof(TEnum).Name} name or number."),
    };

    public override void Write(Utf8JsonWriter writer, TEnum value, JsonSerializerOptions options)
    {
        if (NameOf.TryGetValue(value, out var name))
        {
            writer.WriteStringValue(name);
        }
        else
        {
            writer.WriteNumberValue(Convert.ToInt32(value, CultureInfo.InvariantCulture));
        }
    }
}
