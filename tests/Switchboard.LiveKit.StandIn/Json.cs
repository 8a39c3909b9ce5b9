using System.Text.Json.Nodes;

namespace Switchboard.LiveKit.StandIn;

/// <summary>Reading fields of the stand-in's parsed messages (proto names; absent = default).</summary>
internal static class Json
{
    public static string Str(JsonObject message, string field) => message[field] is JsonValue value ? value.ToString() : "";

    public static bool Bool(JsonObject message, string field) => message[field] is JsonValue value && value.GetValue<bool>();

    public static IReadOnlyList<string> Strings(JsonObject message, string field) =>
        message[field] is JsonArray list ? [.. list.Select(item => item!.GetValue<string>())] : [];

    public static JsonArray Array(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode?)JsonValue.Create(v))]);

    public static Dictionary<string, string> Map(JsonObject message, string field) =>
        message[field] is JsonObject map ? map.ToDictionary(e => e.Key, e => e.Value!.GetValue<string>()) : [];
}
