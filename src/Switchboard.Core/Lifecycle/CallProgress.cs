namespace Switchboard.Core.Lifecycle;

/// <summary>A call's lifecycle as its room's events tell it: what <see cref="CallTimeline.Replay"/> returns.</summary>
public sealed record CallProgress(
    CallStage Stage,
    string? RoomSid,
    string? RoomName,
    string? ParticipantIdentity,
    DateTimeOffset? JoinedAt,
    DateTimeOffset? AgentJoinedAt,
    DateTimeOffset? AnsweredAt,
    DateTimeOffset? EndedAt,
    CallOutcome? Outcome,
    string? DisconnectReason,
    TimeSpan? RingTime,
    TimeSpan? TalkTime)
{
    public static CallProgress NotInRoom { get; } = new(CallStage.Routed, null, null, null, null, null, null, null, null, null, null, null);
}
