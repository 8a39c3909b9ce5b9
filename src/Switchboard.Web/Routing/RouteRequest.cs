using System.Text.Json;
using Switchboard.Web.Hosting;

namespace Switchboard.Web.Routing;

/// <summary>
/// The routing webhook's body: <c>{"call_id", "from_number", "to_number"}</c>, optionally <c>trunk_id</c>,
/// <c>room_name</c> and an <c>attributes</c> map of strings. Parsed by hand so that every problem is named
/// precisely; unknown fields are ignored (LiveKit adds fields without notice).
/// </summary>
public sealed record RouteRequest(string CallId, string FromNumber, string ToNumber, string? TrunkId, string? RoomName, IReadOnlyDictionary<string, string>? Attributes)
{
    public const int MaxFieldLength = 256;
    public const int MaxAttributes = 64;

    /// <summary>The title of the 400 problem that names the fields at fault.</summary>
    public const string InvalidTitle = "Invalid routing request";

    /// <summary>Why a body with a property name no string can hold is refused (valid JSON can escape half a surrogate pair: <c>"\ud800"</c>).</summary>
    internal const string UnreadableName = "The body has a property name that escapes an unpaired surrogate, which no string can hold.";

    /// <summary>A field's value that no string can hold.</summary>
    internal const string UnreadableValue = "must be a valid string (it escapes an unpaired surrogate).";

    /// <summary>
    /// The caller's From-URI host, where the call's path knows it (LiveKit's events, its proposed dynamic dispatch): LiveKit's
    /// trunks may list a host name in <c>allowed_addresses</c>. The seed webhook's body has none.
    /// </summary>
    public string? FromHost { get; init; }

    /// <summary>The request, or the 400 problem: malformed (not UTF-8, not JSON, not an object) or naming each field at fault.</summary>
    public static BodyIntake<RouteRequest> Parse(ReadOnlyMemory<byte> body)
    {
        if (!System.Text.Unicode.Utf8.IsValid(body.Span))
        {
            return Problems.Malformed("The body is not valid UTF-8.");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException ex)
        {
            return Problems.Malformed($"The body is not valid JSON (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1}).");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return Problems.Malformed($"The body must be a JSON object, not {Describe(root.ValueKind)}.");
            }

            try
            {
                var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
                var callId = RequiredString(root, "call_id", errors);
                var from = RequiredString(root, "from_number", errors);
                var to = RequiredString(root, "to_number", errors);
                var trunk = OptionalString(root, "trunk_id", errors);
                var room = OptionalString(root, "room_name", errors);
                var attributes = ParseAttributes(root, errors);
                return errors.Count > 0
                    ? Problems.InvalidFields(errors, InvalidTitle)
                    : new RouteRequest(callId!, from!, to!, trunk, room, attributes);
            }
            catch (InvalidOperationException)
            {
                // Looking a field up unescapes the names it passes, and a name escaping half a surrogate pair cannot be unescaped.
                return Problems.Malformed(UnreadableName);
            }
        }
    }

    private static string? RequiredString(JsonElement root, string name, Dictionary<string, string[]> errors)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            errors[name] = ["is required."];
            return null;
        }

        var text = StringValue(value, name, errors);
        if (text is { Length: 0 } || (text is not null && string.IsNullOrWhiteSpace(text)))
        {
            errors[name] = ["must not be empty."];
            return null;
        }

        return text;
    }

    private static string? OptionalString(JsonElement root, string name, Dictionary<string, string[]> errors) =>
        root.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null && StringValue(value, name, errors) is { Length: > 0 } text ? text : null;

    private static string? StringValue(JsonElement value, string name, Dictionary<string, string[]> errors)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            errors[name] = [$"must be a string, not {Describe(value.ValueKind)}."];
            return null;
        }

        string text;
        try
        {
            text = value.GetString()!;
        }
        catch (InvalidOperationException)
        {
            errors[name] = [UnreadableValue];
            return null;
        }

        if (text.Length > MaxFieldLength)
        {
            errors[name] = [$"must be at most {MaxFieldLength} characters."];
            return null;
        }

        return text;
    }

    private static Dictionary<string, string>? ParseAttributes(JsonElement root, Dictionary<string, string[]> errors)
    {
        if (!root.TryGetProperty("attributes", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            errors["attributes"] = [$"must be an object of strings, not {Describe(value.ValueKind)}."];
            return null;
        }

        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in value.EnumerateObject())
        {
            if (attributes.Count == MaxAttributes)
            {
                errors["attributes"] = [$"must have at most {MaxAttributes} entries."];
                return null;
            }

            string key;
            try
            {
                key = property.Name;
            }
            catch (InvalidOperationException)
            {
                errors["attributes"] = ["keys must be valid strings (one escapes an unpaired surrogate)."];
                return null;
            }

            if (key.Length is 0 or > MaxFieldLength)
            {
                errors["attributes"] = [$"keys must be 1 to {MaxFieldLength} characters."];
                return null;
            }

            if (StringValue(property.Value, $"attributes.{key}", errors) is { } text)
            {
                attributes[key] = text;
            }
        }

        return attributes;
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };
}
