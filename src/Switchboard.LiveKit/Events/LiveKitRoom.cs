using System.Text;

namespace Switchboard.LiveKit.Events;

/// <summary>A room as webhooks describe it (<c>livekit.Room</c>, livekit.md §1.6); fields LiveKit omitted hold their defaults.</summary>
/// <remarks><see cref="object.ToString"/> leaves out the name and metadata: room names often hold the caller's number.</remarks>
public sealed record LiveKitRoom
{
    /// <summary>The room instance (<c>RM_…</c>): a name can be reused by a later room, a sid cannot.</summary>
    public string Sid { get; init; } = "";

    public string Name { get; init; } = "";

    /// <summary>How long the room stays open if nobody joins (<c>emptyTimeout</c>, whole seconds).</summary>
    public TimeSpan EmptyTimeout { get; init; }

    /// <summary>How long the room stays open after the last non-agent participant left (<c>departureTimeout</c>, whole seconds).</summary>
    public TimeSpan DepartureTimeout { get; init; }

    /// <summary>The participant limit; 0 for none.</summary>
    public uint MaxParticipants { get; init; }

    /// <summary>When the room was created: from <c>creationTimeMs</c> when set, else <c>creationTime</c> (seconds); null when neither is.</summary>
    public DateTimeOffset? CreationTime { get; init; }

    public string Metadata { get; init; } = "";

    public uint NumParticipants { get; init; }

    public uint NumPublishers { get; init; }

    public bool ActiveRecording { get; init; }

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Sid = ").Append(Sid).Append(", NumParticipants = ").Append(NumParticipants)
            .Append(", CreationTime = ").Append(CreationTime?.ToString("O", null));
        return true;
    }
}
