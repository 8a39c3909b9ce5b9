using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Switchboard.LiveKit.Api.Json;

/// <summary>
/// <c>google.protobuf.Timestamp</c> in JSON: RFC 3339 in UTC with 0, 3, 6 or 9 decimals. Reads any offset and up to 9 decimals
/// (.NET keeps 7).
/// </summary>
internal sealed class ProtoTimestampConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.TokenType == JsonTokenType.String ? reader.GetString()! : throw new JsonException("Expected an RFC 3339 timestamp string.");
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        if (dot > 0)
        {
            var end = dot + 1;
            while (end < text.Length && char.IsAsciiDigit(text[end]))
            {
                end++;
            }

            // .NET parses at most 7 fractional digits; protobuf writes up to 9.
            if (end - dot - 1 > 7)
            {
                text = string.Concat(text.AsSpan(0, dot + 8), text.AsSpan(end));
            }
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value)
            ? value
            : throw new JsonException("Expected an RFC 3339 timestamp string.");
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        var utc = value.UtcDateTime;
        var text = utc.Ticks % TimeSpan.TicksPerSecond == 0
            ? utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)
            : utc.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'00Z'", CultureInfo.InvariantCulture);
        writer.WriteStringValue(text);
    }
}
