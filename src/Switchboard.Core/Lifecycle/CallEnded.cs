namespace Switchboard.Core.Lifecycle;

/// <summary>
/// Raised once per call, when its end is first recorded: what later features hook into (capacity release,
/// the call queue, events to CRMs).
/// </summary>
public sealed record CallEnded(
    string CallId,
    string? TenantId,
    string? CampaignId,
    string? AgentName,
    CallOutcome Outcome,
    DateTimeOffset EndedAt,
    TimeSpan? RingTime,
    TimeSpan? TalkTime);
