using System.Text.Json.Serialization;

namespace Switchboard.Web.LiveKitEvents;

/// <summary>What a queued call action needs: the caller's room and identity, and for a dispatch the agent and its job metadata.</summary>
public sealed record CallActionData(string Room, string? Identity, string? AgentName, string? Metadata);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(CallActionData))]
[JsonSerializable(typeof(CallActionResult))]
internal sealed partial class CallActionJson : JsonSerializerContext;
