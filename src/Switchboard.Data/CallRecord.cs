namespace Switchboard.Data;

/// <summary>Everything the hot path writes for one routed call, besides the lead.</summary>
public sealed record CallRecord(
    string CallId,
    string Action,
    string Reason,
    string? AgentName,
    string? TenantId,
    string? CampaignId,
    string FromRaw,
    string? FromNumber,
    string ToRaw,
    string? ToNumber,
    string? TrunkId,
    string? RoomName,
    string? AttributesJson,
    long ConfigVersion,
    DateTime ReceivedAtUtc,
    DateTime DecidedAtUtc,
    string TraceJson,
    string Source = CallSources.Webhook);
