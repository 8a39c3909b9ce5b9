namespace Switchboard.Core.DispatchRules;

/// <summary>
/// The outcome of one evaluation, with what LiveKit would set on the SIP participant when it accepts. The chosen
/// <see cref="Trunk"/> and <see cref="Rule"/> give the rest (room preset, room config, media, headers).
/// </summary>
public sealed record DispatchResult
{
    public required DispatchOutcome Outcome { get; init; }

    /// <summary>LiveKit's error text, for <see cref="DispatchOutcome.Error"/>.</summary>
    public string? Error { get; init; }

    public TrunkMatch TrunkMatch { get; init; }

    public InboundTrunk? Trunk { get; init; }

    public DispatchRule? Rule { get; init; }

    public string? TrunkId => Trunk?.Id;

    public string? RuleId => Rule?.Id;

    public string? RoomName { get; init; }

    public string? ParticipantIdentity { get; init; }

    public string? ParticipantName { get; init; }

    public string? ParticipantMetadata { get; init; }

    /// <summary>The participant's attributes the engine sets: the rule's, then <c>sip.*</c>; sorted by key.</summary>
    public IReadOnlyDictionary<string, string> Attributes { get; init; } = ProtoEnums.NoAttributes;

    /// <summary>The rule's <c>room_config.agents</c>, on accept.</summary>
    public IReadOnlyList<RoomAgentDispatch> Agents { get; init; } = [];
}
