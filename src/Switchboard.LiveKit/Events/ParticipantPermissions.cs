namespace Switchboard.LiveKit.Events;

/// <summary>What a participant may do (<c>livekit.ParticipantPermission</c>); a SIP caller may subscribe, publish, publish data and update metadata.</summary>
public sealed record ParticipantPermissions
{
    public bool CanSubscribe { get; init; }

    public bool CanPublish { get; init; }

    public bool CanPublishData { get; init; }

    /// <summary>The sources the participant may publish; empty means any.</summary>
    public IReadOnlyList<TrackSource> CanPublishSources { get; init; } = [];

    public bool Hidden { get; init; }

    public bool CanUpdateMetadata { get; init; }

    public bool CanSubscribeMetrics { get; init; }

    public bool CanManageAgentSession { get; init; }
}
