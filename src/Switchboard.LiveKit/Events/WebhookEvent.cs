using System.Text;
using System.Text.Json;

namespace Switchboard.LiveKit.Events;

/// <summary>
/// One webhook LiveKit sent (<c>livekit.WebhookEvent</c>, livekit.md §1.4): what happened, its dedupe key, and the room,
/// participant and track it concerns. Read with <see cref="WebhookEventParser"/> once the signature has been checked.
/// </summary>
/// <remarks><see cref="object.ToString"/> prints ids, kinds and times only: never names, identities, attributes or metadata, which hold phone numbers.</remarks>
public sealed record WebhookEvent
{
    /// <summary>The event name, e.g. <c>participant_joined</c> (<see cref="WebhookEventNames"/>); a name this version does not know is kept as sent.</summary>
    public required string Event { get; init; }

    /// <summary>The event id (<c>EV_…</c>): the same on every retry and for every configured URL, so it is the dedupe key.</summary>
    public required string Id { get; init; }

    /// <summary>When LiveKit queued the event (whole seconds); <see cref="DateTimeOffset.UnixEpoch"/> if absent, which LiveKit never sends.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>The room, on room, participant and track events.</summary>
    public LiveKitRoom? Room { get; init; }

    /// <summary>The participant, on participant and track events (on track events only its sid and identity are set).</summary>
    public ParticipantInfo? Participant { get; init; }

    /// <summary>The track, on track events.</summary>
    public TrackInfo? Track { get; init; }

    /// <summary>The egress (<c>egressInfo</c>) of egress events, unparsed.</summary>
    public JsonElement? EgressInfo { get; init; }

    /// <summary>The ingress (<c>ingressInfo</c>) of ingress events, unparsed.</summary>
    public JsonElement? IngressInfo { get; init; }

    /// <summary>The agent job of agent job events, unparsed.</summary>
    public JsonElement? Job { get; init; }

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Event = ").Append(Event).Append(", Id = ").Append(Id).Append(", CreatedAt = ").Append(CreatedAt.ToString("O", null));
        builder.Append(", Room = ").Append(Room).Append(", Participant = ").Append(Participant).Append(", Track = ").Append(Track);
        return true;
    }
}
