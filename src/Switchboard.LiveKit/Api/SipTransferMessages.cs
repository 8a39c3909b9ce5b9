using System.Text.Json.Serialization;
using Switchboard.LiveKit.Api.Json;

namespace Switchboard.LiveKit.Api;

// livekit.SIP TransferSIPParticipant (livekit.md §3.6).

/// <summary><c>livekit.TransferSIPParticipantRequest</c>: a cold transfer (SIP REFER) of a caller.</summary>
public sealed record TransferSipParticipantRequest
{
    public required string RoomName { get; init; }

    /// <summary>Must be a SIP participant.</summary>
    public required string ParticipantIdentity { get; init; }

    /// <summary><c>sip:</c>, <c>sips:</c> or <c>tel:</c> URI; LiveKit refuses a bare number.</summary>
    public required string TransferTo { get; init; }

    public bool PlayDialtone { get; set; }

    /// <summary>Extra headers on the REFER.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; set; } = new Dictionary<string, string>();

    /// <summary>How long the transfer target may ring; LiveKit's default is 30 s. The HTTP call is given longer.</summary>
    [JsonConverter(typeof(ProtoDurationConverter))]
    public TimeSpan? RingingTimeout { get; set; }
}

/// <summary>
/// <c>livekit.TransferSIPParticipantResponse</c>. Servers before mid-2026 answer <c>{}</c>, so every member may be absent
/// (null or empty); a failed transfer is an error, not a result.
/// </summary>
public sealed record SipTransferResult
{
    /// <summary><c>STR_</c> + 12 characters, when the server reports it.</summary>
    public string TransferId { get; set; } = "";

    public SipTransferStatus? Status { get; set; }

    public SipTransferReason? Reason { get; set; }

    public SipStatus? SipStatus { get; set; }
}

/// <summary><c>livekit.SIPStatus</c>: <see cref="Code"/> is the <c>SIP_STATUS_*</c> name, e.g. <c>SIP_STATUS_OK</c>.</summary>
public sealed record SipStatus
{
    public string Code { get; set; } = "";

    public string Status { get; set; } = "";
}

/// <summary><c>livekit.SIPTransferStatus</c>.</summary>
[JsonConverter(typeof(ProtoEnumConverter<SipTransferStatus>))]
public enum SipTransferStatus
{
    [JsonStringEnumMemberName("STS_TRANSFER_ONGOING")] Ongoing = 0,
    [JsonStringEnumMemberName("STS_TRANSFER_FAILED")] Failed = 1,
    [JsonStringEnumMemberName("STS_TRANSFER_SUCCESSFUL")] Successful = 2,
}

/// <summary><c>livekit.SIPTransferReason</c>.</summary>
[JsonConverter(typeof(ProtoEnumConverter<SipTransferReason>))]
public enum SipTransferReason
{
    [JsonStringEnumMemberName("STR_UNSPECIFIED")] Unspecified = 0,
    [JsonStringEnumMemberName("STR_COMPLETED")] Completed = 1,
    [JsonStringEnumMemberName("STR_CALL_ENDED")] CallEnded = 2,
    [JsonStringEnumMemberName("STR_REJECTED")] Rejected = 3,
    [JsonStringEnumMemberName("STR_RINGING_TIMEOUT")] RingingTimeout = 4,
    [JsonStringEnumMemberName("STR_SUBSCRIPTION_TERMINATED")] SubscriptionTerminated = 5,
    [JsonStringEnumMemberName("STR_CANCELED")] Canceled = 6,
}
