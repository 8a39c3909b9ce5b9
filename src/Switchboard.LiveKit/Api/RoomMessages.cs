using System.Text.Json.Serialization;
using Switchboard.LiveKit.Api.Json;

namespace Switchboard.LiveKit.Api;

// livekit.RoomService messages (livekit.md §3.7).

/// <summary>
/// <c>livekit.UpdateParticipantRequest</c>. Empty <see cref="Metadata"/> and <see cref="Name"/> leave them unchanged; only the
/// listed attributes change, and an empty value deletes one; <see cref="Permission"/> replaces the whole permission.
/// </summary>
public sealed record UpdateParticipantRequest
{
    public required string Room { get; init; }

    public required string Identity { get; init; }

    public string Metadata { get; set; } = "";

    public ParticipantPermissions? Permission { get; set; }

    public string Name { get; set; } = "";

    public IReadOnlyDictionary<string, string> Attributes { get; set; } = new Dictionary<string, string>();
}

/// <summary><c>livekit.ParticipantInfo</c> (tracks and client details are not modelled).</summary>
public sealed record ParticipantInfo
{
    /// <summary><c>PA_</c> + 12 characters.</summary>
    public string Sid { get; set; } = "";

    /// <summary>For an inbound call, <c>sip_</c> + the caller's number (livekit.md §1.7).</summary>
    public string Identity { get; set; } = "";

    public ParticipantState State { get; set; }

    public string Metadata { get; set; } = "";

    /// <summary>Unix seconds.</summary>
    public long JoinedAt { get; set; }

    /// <summary>Unix milliseconds.</summary>
    public long JoinedAtMs { get; set; }

    public string Name { get; set; } = "";

    public uint Version { get; set; }

    public ParticipantPermissions? Permission { get; set; }

    public string Region { get; set; } = "";

    public bool IsPublisher { get; set; }

    public ParticipantKind Kind { get; set; }

    /// <summary>For a SIP participant, <c>sip.callID</c>, <c>sip.trunkPhoneNumber</c> and the like (livekit.md §1.7).</summary>
    public IReadOnlyDictionary<string, string> Attributes { get; set; } = new Dictionary<string, string>();
}

/// <summary><c>livekit.ParticipantPermission</c> (named in the plural for .NET naming rules).</summary>
public sealed record ParticipantPermissions
{
    public bool CanSubscribe { get; set; }

    public bool CanPublish { get; set; }

    public bool CanPublishData { get; set; }

    /// <summary>Empty = every source.</summary>
    public IReadOnlyList<TrackSource> CanPublishSources { get; set; } = [];

    public bool Hidden { get; set; }

    public bool CanUpdateMetadata { get; set; }

    public bool CanSubscribeMetrics { get; set; }

    public bool CanManageAgentSession { get; set; }
}

/// <summary><c>livekit.ParticipantInfo.State</c>.</summary>
[JsonConverter(typeof(ProtoEnumConverter<ParticipantState>))]
public enum ParticipantState
{
    [JsonStringEnumMemberName("JOINING")] Joining = 0,
    [JsonStringEnumMemberName("JOINED")] Joined = 1,
    [JsonStringEnumMemberName("ACTIVE")] Active = 2,
    [JsonStringEnumMemberName("DISCONNECTED")] Disconnected = 3,
}

/// <summary><c>livekit.ParticipantInfo.Kind</c>.</summary>
[JsonConverter(typeof(ProtoEnumConverter<ParticipantKind>))]
public enum ParticipantKind
{
    [JsonStringEnumMemberName("STANDARD")] Standard = 0,
    [JsonStringEnumMemberName("INGRESS")] Ingress = 1,
    [JsonStringEnumMemberName("EGRESS")] Egress = 2,
    [JsonStringEnumMemberName("SIP")] Sip = 3,
    [JsonStringEnumMemberName("AGENT")] Agent = 4,
    [JsonStringEnumMemberName("CONNECTOR")] Connector = 7,
    [JsonStringEnumMemberName("BRIDGE")] Bridge = 8,
}

/// <summary><c>livekit.TrackSource</c>.</summary>
[JsonConverter(typeof(ProtoEnumConverter<TrackSource>))]
public enum TrackSource
{
    [JsonStringEnumMemberName("UNKNOWN")] Unknown = 0,
    [JsonStringEnumMemberName("CAMERA")] Camera = 1,
    [JsonStringEnumMemberName("MICROPHONE")] Microphone = 2,
    [JsonStringEnumMemberName("SCREEN_SHARE")] ScreenShare = 3,
    [JsonStringEnumMemberName("SCREEN_SHARE_AUDIO")] ScreenShareAudio = 4,
}

internal sealed record RoomParticipantIdentity
{
    public required string Room { get; init; }

    public required string Identity { get; init; }
}

internal sealed record ListParticipantsRequest
{
    public required string Room { get; init; }
}

internal sealed record ListParticipantsResponse
{
    [JsonConverter(typeof(NonNullListConverter<ParticipantInfo>))]
    public IReadOnlyList<ParticipantInfo> Participants { get; set; } = [];
}

internal sealed record DeleteRoomRequest
{
    public required string Room { get; init; }
}
