namespace Switchboard.Data.Entities;

/// <summary>One inbound call, keyed by LiveKit's SIP call id: one row however often the webhook is retried.</summary>
public sealed class Call
{
    public Guid Id { get; set; }

    /// <summary>LiveKit's SIP call id (<c>SCL_…</c>): unique.</summary>
    public required string CallId { get; set; }

    /// <summary><c>accept</c> or <c>reject</c>.</summary>
    public required string Action { get; set; }

    /// <summary>A reason code (see <c>ReasonCodes</c>).</summary>
    public required string Reason { get; set; }

    public string? AgentName { get; set; }

    public string? TenantId { get; set; }

    public string? CampaignId { get; set; }

    public Guid? LeadId { get; set; }

    /// <summary>The caller id as received (may be <c>anonymous</c> or a SIP user name).</summary>
    public required string FromRaw { get; set; }

    /// <summary>The caller in E.164, or null for an anonymous caller.</summary>
    public string? FromNumber { get; set; }

    public required string ToRaw { get; set; }

    /// <summary>The dialed number in E.164, or null when what was dialed is not a number.</summary>
    public string? ToNumber { get; set; }

    public string? TrunkId { get; set; }

    public string? RoomName { get; set; }

    /// <summary>The request's attributes, a JSON object of strings, or null.</summary>
    public string? AttributesJson { get; set; }

    /// <summary>The configuration version that routed the call.</summary>
    public long ConfigVersion { get; set; }

    public DateTime ReceivedAtUtc { get; set; }

    public DateTime DecidedAtUtc { get; set; }

    /// <summary>The ordered decision trace as a JSON array.</summary>
    public required string TraceJson { get; set; }

    /// <summary>The answer sent, replayed verbatim to retries.</summary>
    public required string ResponseJson { get; set; }

    /// <summary>How Switchboard first learnt of the call: <c>webhook</c> (asked to route it) or <c>events</c> (from LiveKit's events).</summary>
    public string Source { get; set; } = CallSources.Webhook;

    /// <summary>The lifecycle stage (<c>routed</c>, <c>in_room</c>, <c>agent_joined</c>, <c>answered</c>, <c>ended</c>).</summary>
    public string Stage { get; set; } = "routed";

    /// <summary>The LiveKit room instance (<c>RM_…</c>) the caller joined.</summary>
    public string? RoomSid { get; set; }

    /// <summary>The caller's SIP participant identity in the room.</summary>
    public string? ParticipantIdentity { get; set; }

    /// <summary>Twilio's call sid (<c>sip.twilio.callSid</c>), when the call came through Twilio.</summary>
    public string? TwilioCallSid { get; set; }

    public DateTime? JoinedAtUtc { get; set; }

    public DateTime? AgentJoinedAtUtc { get; set; }

    public DateTime? AnsweredAtUtc { get; set; }

    public DateTime? EndedAtUtc { get; set; }

    /// <summary>Ringing, in milliseconds: from the call's arrival to its answer (or its end, when never answered).</summary>
    public long? RingMs { get; set; }

    /// <summary>Talk time, in milliseconds: from the answer to the caller leaving.</summary>
    public long? TalkMs { get; set; }

    /// <summary><c>completed</c>, <c>abandoned</c>, <c>failed</c> or <c>rejected</c>, once ended.</summary>
    public string? Outcome { get; set; }

    /// <summary>LiveKit's disconnect reason for the caller's leg (e.g. <c>CLIENT_INITIATED</c>), when it left.</summary>
    public string? DisconnectReason { get; set; }
}
