using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Switchboard.LiveKit.Api.Json;

/// <summary><c>google.protobuf.Duration</c> in JSON: seconds with up to 9 decimals and an <c>s</c> suffix (<c>"30s"</c>, <c>"1.5s"</c>).</summary>
internal sealed class ProtoDurationConverter : JsonConverter<TimeSpan>
{
    public override TimeSpan Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.TokenType == JsonTokenType.String ? reader.GetString()! : throw new JsonException("Expected a duration string such as \"30s\".");
        if (!text.EndsWith('s')
            || !decimal.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds)
            || Math.Abs(seconds) > (decimal)TimeSpan.MaxValue.TotalSeconds)
        {
            throw new JsonException("Expected a duration string such as \"30s\".");
        }

        return TimeSpan.FromTicks((long)(seconds * TimeSpan.TicksPerSecond));
    }

    public override void Write(Utf8JsonWriter writer, TimeSpan value, JsonSerializerOptions options)
    {
        var seconds = (decimal)value.Ticks / TimeSpan.TicksPerSecond;
        writer.WriteStringValue(seconds.ToString("0.#######", CultureInfo.InvariantCulture) + "s");
    }
}
