using System.Text.Json;
using Switchboard.Web.Hosting;

namespace Switchboard.Web.Routing;

/// <summary>
/// The body LiveKit's proposed dynamic-dispatch rule posts (livekit.md §5): <c>{"project_id", "trunk_id", "call_id",
/// "from_user", "from_host", "to_user", "to_host"}</c>, all strings. Only <c>call_id</c> is required; a missing or null
/// field is empty, as LiveKit sends it when it knows nothing (<c>project_id</c> on a self-hosted server, <c>trunk_id</c>
/// with no trunk). Unknown fields are ignored. Parsed by hand, like <see cref="RouteRequest"/>, to name every problem.
/// </summary>
public sealed record DynamicDispatchRequest(string CallId, string ProjectId, string TrunkId, string FromUser, string FromHost, string ToUser, string ToHost)
{
    public const int MaxFieldLength = RouteRequest.MaxFieldLength;

    /// <summary>The title of the 400 problem that names the fields at fault.</summary>
    public const string InvalidTitle = "Invalid dynamic dispatch request";

    /// <summary>The request, or the 400 problem: malformed (not UTF-8, not JSON, not an object) or naming each field at fault.</summary>
    public static BodyIntake<DynamicDispatchRequest> Parse(ReadOnlyMemory<byte> body)
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
                var callId = Field(root, "call_id", required: true, errors);
                var request = new DynamicDispatchRequest(
                    callId,
                    Field(root, "project_id", required: false, errors),
                    Field(root, "trunk_id", required: false, errors),
                    Field(root, "from_user", required: false, errors),
                    Field(root, "from_host", required: false, errors),
                    Field(root, "to_user", required: false, errors),
                    Field(root, "to_host", required: false, errors));
                return errors.Count > 0 ? Problems.InvalidFields(errors, InvalidTitle) : request;
            }
            catch (InvalidOperationException)
            {
                // Looking a field up unescapes the names it passes, and a name escaping half a surrogate pair cannot be unescaped.
                return Problems.Malformed(RouteRequest.UnreadableName);
            }
        }
    }

    /// <summary>
    /// The seed webhook's request for the same call, which routing, recording and replay work from: the From and To users are the
    /// caller and the dialed number as LiveKit received them (<c>sip.phoneNumber</c>, <c>sip.trunkPhoneNumber</c>), and the From
    /// host goes with them.
    /// </summary>
    public RouteRequest ToRouteRequest(string? roomName) =>
        new(CallId, FromUser, ToUser, TrunkId.Length > 0 ? TrunkId : null, roomName, Attributes: null) { FromHost = FromHost.Length > 0 ? FromHost : null };

    private static string Field(JsonElement root, string name, bool required, Dictionary<string, string[]> errors)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            if (required)
            {
                errors[name] = ["is required."];
            }

            return "";
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            errors[name] = [$"must be a string, not {Describe(value.ValueKind)}."];
            return "";
        }

        string text;
        try
        {
            text = value.GetString()!;
        }
        catch (InvalidOperationException)
        {
            // Valid JSON can still escape half a surrogate pair ("\ud800"), which no string can hold.
            errors[name] = [RouteRequest.UnreadableValue];
            return "";
        }

        if (text.Length > MaxFieldLength)
        {
            errors[name] = [$"must be at most {MaxFieldLength} characters."];
            return "";
        }

        if (required && string.IsNullOrWhiteSpace(text))
        {
            errors[name] = ["must not be empty."];
            return "";
        }

        return text;
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
