using System.Text.Json;
using System.Text.Json.Serialization;
using Xunit;

namespace Switchboard.LiveKit.Tests.Interop;

/// <summary>
/// @livekit/protocol's JSON writer and reader for webhook events (tests/interop/webhook-event.mjs): the library LiveKit's
/// Node SDK receives webhooks with, writing the same protojson LiveKit's Go sender writes.
/// </summary>
internal static partial class NodeSdk
{
    private const string WebhookEventScript = "webhook-event.mjs";

    // The script builds messages from these fields: camelCase JSON names, defaults left out, and every number as a string so
    // that no int64 passes through a JavaScript number (exact only up to 2^53). Enums travel as their numbers.
    private static readonly JsonSerializerOptions EventJson = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingDefault,
        NumberHandling = JsonNumberHandling.WriteAsString,
    };

    /// <summary>
    /// Builds each event with the library's message classes (<c>new WebhookEvent({...})</c>) and returns the body its
    /// <c>toJsonString(options)</c> writes. Each event is an object whose properties are WebhookEvent fields by name; with
    /// <paramref name="extras"/> the script also sets fields the parser does not model (room version and codecs, track
    /// layers, …), which it must skip.
    /// </summary>
    public static async Task<IReadOnlyList<string>> WriteWebhookEventsAsync(
        IEnumerable<object> events, ProtocolJsonOptions options, bool extras, CancellationToken cancellationToken)
    {
        var requests = events.Select(e => (object)new
        {
            mode = "write",
            @event = JsonSerializer.SerializeToElement(e, e.GetType(), EventJson),
            options = options.ToScript(),
            extras,
        });
        var results = await RunAsync(WebhookEventScript, requests, cancellationToken);
        return [.. results.Select(BodyOf)];
    }

    /// <summary>Reads each body with the library (<c>WebhookEvent.fromJsonString</c>, unknown fields ignored) and writes it again.</summary>
    public static async Task<IReadOnlyList<string>> RewriteWebhookEventsAsync(IEnumerable<string> bodies, ProtocolJsonOptions options, CancellationToken cancellationToken)
    {
        var requests = bodies.Select(body => (object)new { mode = "rewrite", body, options = options.ToScript() });
        var results = await RunAsync(WebhookEventScript, requests, cancellationToken);
        return [.. results.Select(BodyOf)];
    }

    /// <summary>Every value the library knows of the webhook enums, by the library's enum name (e.g. <c>ParticipantInfo_Kind</c>) and value name.</summary>
    public static async Task<IReadOnlyDictionary<string, Dictionary<string, int>>> ProtocolEnumsAsync(CancellationToken cancellationToken)
    {
        var result = (await RunAsync(WebhookEventScript, [new { mode = "enums" }], cancellationToken))[0];
        return result.GetProperty("enums").Deserialize<Dictionary<string, Dictionary<string, int>>>()!;
    }

    private static string BodyOf(JsonElement result)
    {
        if (result.TryGetProperty("error", out var error))
        {
            Assert.Fail($"@livekit/protocol refused the event: {error.GetString()}");
        }

        return result.GetProperty("body").GetString()!;
    }
}

/// <summary>Options of @livekit/protocol's JSON writer (protobuf-es <c>JsonWriteOptions</c>); all off is the form LiveKit sends.</summary>
/// <param name="EnumAsInteger">Enums as numbers instead of value names.</param>
/// <param name="UseProtoFieldName">Proto snake_case names instead of lowerCamelCase.</param>
/// <param name="EmitDefaultValues">Write fields that hold their defaults too.</param>
internal sealed record ProtocolJsonOptions(bool EnumAsInteger = false, bool UseProtoFieldName = false, bool EmitDefaultValues = false)
{
    public object ToScript() => new { enumAsInteger = EnumAsInteger, useProtoFieldName = UseProtoFieldName, emitDefaultValues = EmitDefaultValues };
}
