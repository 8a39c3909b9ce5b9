using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Switchboard.LiveKit.Api.Json;

/// <summary>
/// A repeated message field: reads <c>null</c> as an empty list and drops <c>null</c> items (ListSIPDispatchRule answers
/// <c>null</c> for an ID it does not know, livekit.md §3.6), so callers see only real items.
/// </summary>
internal sealed class NonNullListConverter<T> : JsonConverter<IReadOnlyList<T>>
    where T : class
{
    public override bool HandleNull => true;

    public override IReadOnlyList<T> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return [];
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException($"Expected a list of {typeof(T).Name}.");
        }

        var item = (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T));
        var items = new List<T>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (JsonSerializer.Deserialize(ref reader, item) is { } value)
            {
                items.Add(value);
            }
        }

        return items;
    }

    public override void Write(Utf8JsonWriter writer, IReadOnlyList<T> value, JsonSerializerOptions options)
    {
        var item = (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T));
        writer.WriteStartArray();
        foreach (var element in value ?? [])
        {
            JsonSerializer.Serialize(writer, element, item);
        }

        writer.WriteEndArray();
    }
}
