using System.Text.Json.Serialization;
using Switchboard.LiveKit.Api.Json;

namespace Switchboard.LiveKit.Api;

// livekit.AgentDispatchService messages (livekit.md §3.5).

/// <summary><c>livekit.CreateAgentDispatchRequest</c>: dispatch a named agent to a room.</summary>
public sealed record CreateAgentDispatchRequest
{
    /// <summary>The name the agent worker registered with.</summary>
    public required string AgentName { get; init; }

    /// <summary>The room; LiveKit creates it if auto-create is on.</summary>
    public required string Room { get; init; }

    /// <summary>Passed to the agent's job (not participant metadata).</summary>
    public string Metadata { get; set; } = "";

    /// <summary>LiveKit Cloud only.</summary>
    public JobRestartPolicy RestartPolicy { get; set; }

    /// <summary>LiveKit Cloud; empty = production.</summary>
    public string Deployment { get; set; } = "";

    public IReadOnlyDictionary<string, string> Attributes { get; set; } = new Dictionary<string, string>();
}

/// <summary><c>livekit.AgentDispatch</c>.</summary>
public sealed record AgentDispatch
{
    /// <summary><c>AD_</c> + 12 characters.</summary>
    public string Id { get; set; } = "";

    public string AgentName { get; set; } = "";

    public string Room { get; set; } = "";

    public string Metadata { get; set; } = "";

    public AgentDispatchState? State { get; set; }

    public JobRestartPolicy RestartPolicy { get; set; }

    public string Deployment { get; set; } = "";

    public IReadOnlyDictionary<string, string> Attributes { get; set; } = new Dictionary<string, string>();
}

/// <summary><c>livekit.AgentDispatchState</c>.</summary>
public sealed record AgentDispatchState
{
    [JsonConverter(typeof(NonNullListConverter<AgentJob>))]
    public IReadOnlyList<AgentJob> Jobs { get; set; } = [];

    /// <summary>Unix nanoseconds.</summary>
    public long CreatedAt { get; set; }

    /// <summary>Unix nanoseconds; 0 while the dispatch exists.</summary>
    public long DeletedAt { get; set; }
}

/// <summary><c>livekit.Job</c>: one agent job of a dispatch.</summary>
public sealed record AgentJob
{
    /// <summary><c>AJ_</c> + 12 characters.</summary>
    public string Id { get; set; } = "";

    public string DispatchId { get; set; } = "";

    public AgentJobType Type { get; set; }

    public string Metadata { get; set; } = "";

    public string AgentName { get; set; } = "";

    public AgentJobState? State { get; set; }

    public string Deployment { get; set; } = "";

    public IReadOnlyDictionary<string, string> Attributes { get; set; } = new Dictionary<string, string>();
}

/// <summary><c>livekit.JobState</c>.</summary>
public sealed record AgentJobState
{
    public AgentJobStatus Status { get; set; }

    public string Error { get; set; } = "";

    public long StartedAt { get; set; }

    public long EndedAt { get; set; }

    public long UpdatedAt { get; set; }

    public string ParticipantIdentity { get; set; } = "";

    public string WorkerId { get; set; } = "";

    public string AgentId { get; set; } = "";
}

/// <summary><c>livekit.JobType</c>.</summary>
[JsonConverter(typeof(ProtoEnumConverter<AgentJobType>))]
public enum AgentJobType
{
    [JsonStringEnumMemberName("JT_ROOM")] Room = 0,
    [JsonStringEnumMemberName("JT_PUBLISHER")] Publisher = 1,
    [JsonStringEnumMemberName("JT_PARTICIPANT")] Participant = 2,
}

/// <summary><c>livekit.JobStatus</c>.</summary>
[JsonConverter(typeof(ProtoEnumConverter<AgentJobStatus>))]
public enum AgentJobStatus
{
    [JsonStringEnumMemberName("JS_PENDING")] Pending = 0,
    [JsonStringEnumMemberName("JS_RUNNING")] Running = 1,
    [JsonStringEnumMemberName("JS_SUCCESS")] Success = 2,
    [JsonStringEnumMemberName("JS_FAILED")] Failed = 3,
}

internal sealed record ListAgentDispatchRequest
{
    public string DispatchId { get; set; } = "";

    public required string Room { get; init; }
}

internal sealed record ListAgentDispatchResponse
{
    [JsonConverter(typeof(NonNullListConverter<AgentDispatch>))]
    public IReadOnlyList<AgentDispatch> AgentDispatches { get; set; } = [];
}

internal sealed record DeleteAgentDispatchRequest
{
    public required string DispatchId { get; init; }

    public required string Room { get; init; }
}
