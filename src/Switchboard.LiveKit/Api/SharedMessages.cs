using System.Text.Json.Serialization;
using Switchboard.LiveKit.Api.Json;

namespace Switchboard.LiveKit.Api;

// Messages shared by several LiveKit services (livekit.md §3.8). Wire names are the proto names (snake_case); answers are
// read in either naming style. Fields this client does not model (e.g. room_config.egress) are dropped on read.
// Members have setters rather than init: the source generator resets an init-only member that an answer leaves out to
// null, losing its initializer, and a server may leave out empty lists and maps.

/// <summary><c>livekit.RoomConfiguration</c>: applied when the call creates the room.</summary>
public sealed record RoomConfiguration
{
    public string Name { get; set; } = "";

    /// <summary>Seconds.</summary>
    public uint EmptyTimeout { get; set; }

    /// <summary>Seconds.</summary>
    public uint DepartureTimeout { get; set; }

    public uint MaxParticipants { get; set; }

    public string Metadata { get; set; } = "";

    public uint MinPlayoutDelay { get; set; }

    public uint MaxPlayoutDelay { get; set; }

    public bool SyncStreams { get; set; }

    [JsonConverter(typeof(NonNullListConverter<RoomAgentDispatch>))]
    public IReadOnlyList<RoomAgentDispatch> Agents { get; set; } = [];

    public IReadOnlyDictionary<string, string> Tags { get; set; } = new Dictionary<string, string>();
}

/// <summary><c>livekit.RoomAgentDispatch</c>: an agent LiveKit dispatches when the room is created.</summary>
public sealed record RoomAgentDispatch
{
    public string AgentName { get; set; } = "";

    public string Metadata { get; set; } = "";

    public JobRestartPolicy RestartPolicy { get; set; }

    public string Deployment { get; set; } = "";

    public IReadOnlyDictionary<string, string> Attributes { get; set; } = new Dictionary<string, string>();
}

/// <summary><c>livekit.SIPMediaConfig</c>.</summary>
public sealed record SipMediaConfig
{
    public bool OnlyListedCodecs { get; set; }

    [JsonConverter(typeof(NonNullListConverter<SipCodec>))]
    public IReadOnlyList<SipCodec> Codecs { get; set; } = [];

    public SipMediaEncryption? Encryption { get; set; }

    [JsonConverter(typeof(ProtoDurationConverter))]
    public TimeSpan? MediaTimeout { get; set; }
}

/// <summary><c>livekit.SIPCodec</c>.</summary>
public sealed record SipCodec
{
    public string Name { get; set; } = "";

    public uint Rate { get; set; }
}

/// <summary><c>livekit.Pagination</c>: items with an ID after <see cref="AfterId"/>, at most <see cref="Limit"/> (0 = server default).</summary>
public sealed record Pagination
{
    public string AfterId { get; set; } = "";

    public int Limit { get; set; }
}

/// <summary>
/// <c>livekit.ListUpdate</c>: <see cref="Set"/> alone, or <see cref="Add"/>/<see cref="Remove"/>, or <see cref="Clear"/> alone;
/// LiveKit refuses other mixes and an empty update.
/// </summary>
public sealed record ListUpdate
{
    public IReadOnlyList<string> Set { get; set; } = [];

    public IReadOnlyList<string> Add { get; set; } = [];

    public IReadOnlyList<string> Remove { get; set; } = [];

    public bool Clear { get; set; }
}

/// <summary><c>livekit.JobRestartPolicy</c> (LiveKit Cloud).</summary>
[JsonConverter(typeof(ProtoEnumConverter<JobRestartPolicy>))]
public enum JobRestartPolicy
{
    [JsonStringEnumMemberName("JRP_ON_FAILURE")] OnFailure = 0,
    [JsonStringEnumMemberName("JRP_NEVER")] Never = 1,
}

/// <summary><c>livekit.SIPMediaEncryption</c>.</summary>
[JsonConverter(typeof(ProtoEnumConverter<SipMediaEncryption>))]
public enum SipMediaEncryption
{
    [JsonStringEnumMemberName("SIP_MEDIA_ENCRYPT_DISABLE")] Disable = 0,
    [JsonStringEnumMemberName("SIP_MEDIA_ENCRYPT_ALLOW")] Allow = 1,
    [JsonStringEnumMemberName("SIP_MEDIA_ENCRYPT_REQUIRE")] Require = 2,
}

/// <summary>An empty message (<c>google.protobuf.Empty</c>, <c>DeleteRoomResponse</c>, …); unknown fields are ignored.</summary>
internal sealed record Empty;
