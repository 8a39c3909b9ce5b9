using System.Text.Json.Serialization;

namespace Switchboard.Web.LiveKitEvents;

/// <summary>
/// What a queued call action needs: the caller's room and identity; for a dispatch, the agent and its job metadata; for the
/// watchdog, the dispatch to cancel, how long the agent has, and what comes next (a backup agent, a transfer target).
/// </summary>
public sealed record CallActionData(string Room, string? Identity, string? AgentName, string? Metadata)
{
    public string? DispatchId { get; init; }

    public string? BackupAgent { get; init; }

    public string? TransferTo { get; init; }

    public int? TimeoutSeconds { get; init; }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(CallActionData))]
[JsonSerializable(typeof(CallActionResult))]
internal sealed partial class CallActionJson : JsonSerializerContext;
