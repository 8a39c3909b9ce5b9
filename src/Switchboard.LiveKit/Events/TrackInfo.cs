using System.Text;

namespace Switchboard.LiveKit.Events;

/// <summary>A published track (<c>livekit.TrackInfo</c>, livekit.md §1.6); fields LiveKit omitted hold their defaults.</summary>
/// <remarks><see cref="object.ToString"/> leaves out the name, which for a SIP caller's track is the caller's identity.</remarks>
public sealed record TrackInfo
{
    /// <summary>The track id (<c>TR_…</c>).</summary>
    public string Sid { get; init; } = "";

    /// <summary>The media type; <see cref="TrackType.Audio"/> when absent, as protojson omits it for audio.</summary>
    public TrackType Type { get; init; }

    public string Name { get; init; } = "";

    public bool Muted { get; init; }

    public TrackSource Source { get; init; }

    /// <summary>The codec, e.g. <c>audio/opus</c>.</summary>
    public string MimeType { get; init; } = "";

    public bool IsAudio => Type == TrackType.Audio;

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Sid = ").Append(Sid).Append(", Type = ").Append(Type).Append(", Source = ").Append(Source)
            .Append(", Muted = ").Append(Muted).Append(", MimeType = ").Append(MimeType);
        return true;
    }
}
