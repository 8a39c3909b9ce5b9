using System.Collections.ObjectModel;
using System.Text;

namespace Switchboard.LiveKit.Events;

/// <summary>
/// A participant as webhooks describe it (<c>livekit.ParticipantInfo</c>, livekit.md §1.6–1.7); fields LiveKit omitted hold
/// their defaults. On track events LiveKit fills only <see cref="Sid"/> and <see cref="Identity"/>.
/// </summary>
/// <remarks>
/// <see cref="object.ToString"/> prints the sid, kind, state, reason and join time only: a SIP participant's identity, name and
/// attributes hold phone numbers.
/// </remarks>
public sealed record ParticipantInfo
{
    /// <summary>The participant instance (<c>PA_…</c>).</summary>
    public string Sid { get; init; } = "";

    /// <summary>The identity, e.g. <c>sip_+14155550123</c> for a SIP caller.</summary>
    public string Identity { get; init; } = "";

    public string Name { get; init; } = "";

    /// <summary>The connection state; <see cref="ParticipantState.Joining"/> when absent.</summary>
    public ParticipantState State { get; init; }

    /// <summary>The kind; <see cref="ParticipantKind.Standard"/> when absent.</summary>
    public ParticipantKind Kind { get; init; }

    public IReadOnlyList<ParticipantKindDetail> KindDetails { get; init; } = [];

    /// <summary>The participant's attributes, keys exactly as sent (<c>sip.callID</c>); see <see cref="Sip"/>.</summary>
    public IReadOnlyDictionary<string, string> Attributes { get; init; } = ReadOnlyDictionary<string, string>.Empty;

    public string Metadata { get; init; } = "";

    /// <summary>When the participant joined: from <c>joinedAtMs</c> when set, else <c>joinedAt</c> (seconds); null when neither is.</summary>
    public DateTimeOffset? JoinedAt { get; init; }

    /// <summary>Why the participant left, on <c>participant_left</c>; <see cref="DisconnectReason.UnknownReason"/> when absent.</summary>
    public DisconnectReason DisconnectReason { get; init; }

    /// <summary>The participant's permissions; null when LiveKit sent none.</summary>
    public ParticipantPermissions? Permission { get; init; }

    public IReadOnlyList<TrackInfo> Tracks { get; init; } = [];

    public string Region { get; init; } = "";

    public bool IsPublisher { get; init; }

    /// <summary>A phone leg bridged in by LiveKit SIP.</summary>
    public bool IsSip => Kind == ParticipantKind.Sip;

    /// <summary>An agent worker.</summary>
    public bool IsAgent => Kind == ParticipantKind.Agent;

    /// <summary>The <c>sip.*</c> attributes LiveKit SIP sets (livekit.md §1.7).</summary>
    public SipAttributes Sip => new(Attributes);

    /// <summary>LiveKit's SIP call id (<c>sip.callID</c>, <c>SCL_…</c>), stable for the whole call; null when absent.</summary>
    public string? SipCallId => Sip.CallId;

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Sid = ").Append(Sid).Append(", Kind = ").Append(Kind).Append(", State = ").Append(State)
            .Append(", DisconnectReason = ").Append(DisconnectReason).Append(", JoinedAt = ").Append(JoinedAt?.ToString("O", null))
            .Append(", Tracks = ").Append(Tracks.Count);
        return true;
    }
}
