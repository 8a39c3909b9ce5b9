using System.Text.Json.Serialization;
using Switchboard.LiveKit.Api.Json;

namespace Switchboard.LiveKit.Api;

// livekit.SIP dispatch-rule messages (livekit.md §3.6, §3.8).

/// <summary>
/// <c>livekit.SIPDispatchRuleInfo</c>. Created through the <c>dispatch_rule</c> request form, so every field here (notably
/// <see cref="Numbers"/>) reaches LiveKit. Replacing a rule writes only the fields modelled here.
/// </summary>
public sealed record SipDispatchRuleInfo
{
    /// <summary><c>SDR_</c> + 12 characters; assigned by LiveKit, empty when creating.</summary>
    public string SipDispatchRuleId { get; set; } = "";

    public SipDispatchRule? Rule { get; set; }

    /// <summary>Trunks the rule applies to; empty = any trunk, and calls that matched no trunk.</summary>
    public IReadOnlyList<string> TrunkIds { get; set; } = [];

    public bool HidePhoneNumber { get; set; }

    /// <summary>Caller numbers (From) the rule accepts, matched exactly; empty = any.</summary>
    public IReadOnlyList<string> InboundNumbers { get; set; } = [];

    /// <summary>Dialed numbers (To) the rule accepts, matched exactly; empty = any.</summary>
    public IReadOnlyList<string> Numbers { get; set; } = [];

    public string Name { get; set; } = "";

    /// <summary>Becomes the SIP participant's metadata.</summary>
    public string Metadata { get; set; } = "";

    /// <summary>Copied into the SIP participant's attributes.</summary>
    public IReadOnlyDictionary<string, string> Attributes { get; set; } = new Dictionary<string, string>();

    public string RoomPreset { get; set; } = "";

    public RoomConfiguration? RoomConfig { get; set; }

    public SipMediaConfig? Media { get; set; }

    public bool KrispEnabled { get; set; }

    /// <summary>Deprecated by LiveKit in favour of <see cref="SipMediaConfig.Encryption"/>.</summary>
    public SipMediaEncryption MediaEncryption { get; set; }

    [JsonConverter(typeof(ProtoTimestampConverter))]
    public DateTimeOffset? CreatedAt { get; set; }

    [JsonConverter(typeof(ProtoTimestampConverter))]
    public DateTimeOffset? UpdatedAt { get; set; }
}

/// <summary><c>livekit.SIPDispatchRule</c>: a oneof, so set exactly one member.</summary>
public sealed record SipDispatchRule
{
    public SipDispatchRuleDirect? DispatchRuleDirect { get; set; }

    public SipDispatchRuleIndividual? DispatchRuleIndividual { get; set; }

    public SipDispatchRuleCallee? DispatchRuleCallee { get; set; }
}

/// <summary><c>livekit.SIPDispatchRuleDirect</c>: every call joins one room.</summary>
public sealed record SipDispatchRuleDirect
{
    public string RoomName { get; set; } = "";

    public string Pin { get; set; } = "";
}

/// <summary><c>livekit.SIPDispatchRuleIndividual</c>: each call gets a new room named from the prefix and the caller.</summary>
public sealed record SipDispatchRuleIndividual
{
    public string RoomPrefix { get; set; } = "";

    public string Pin { get; set; } = "";

    public bool NoRandomness { get; set; }
}

/// <summary><c>livekit.SIPDispatchRuleCallee</c>: the room is named from the prefix and the dialed number.</summary>
public sealed record SipDispatchRuleCallee
{
    public string RoomPrefix { get; set; } = "";

    public string Pin { get; set; } = "";

    public bool Randomize { get; set; }
}

/// <summary>
/// <c>livekit.SIPDispatchRuleUpdate</c>: changes some fields of a rule. Null leaves a field as it is; an attribute with an
/// empty value is deleted. Numbers, room config and the like can only change by replacing the rule.
/// </summary>
public sealed record SipDispatchRuleUpdate
{
    public ListUpdate? TrunkIds { get; set; }

    /// <summary>Replaces the rule's kind when set.</summary>
    public SipDispatchRule? Rule { get; set; }

    public string? Name { get; set; }

    public string? Metadata { get; set; }

    public IReadOnlyDictionary<string, string> Attributes { get; set; } = new Dictionary<string, string>();

    public SipMediaConfig? Media { get; set; }
}

/// <summary><c>livekit.ListSIPDispatchRuleRequest</c>: every filter is optional.</summary>
public sealed record ListSipDispatchRuleRequest
{
    public Pagination? Page { get; set; }

    /// <summary>Only these rules.</summary>
    public IReadOnlyList<string> DispatchRuleIds { get; set; } = [];

    /// <summary>Rules naming one of these trunks, plus rules that name no trunk.</summary>
    public IReadOnlyList<string> TrunkIds { get; set; } = [];
}

internal sealed record CreateSipDispatchRuleRequest
{
    public required SipDispatchRuleInfo DispatchRule { get; init; }
}

internal sealed record UpdateSipDispatchRuleRequest
{
    public required string SipDispatchRuleId { get; init; }

    public SipDispatchRuleInfo? Replace { get; set; }

    public SipDispatchRuleUpdate? Update { get; set; }
}

internal sealed record ListSipDispatchRuleResponse
{
    [JsonConverter(typeof(NonNullListConverter<SipDispatchRuleInfo>))]
    public IReadOnlyList<SipDispatchRuleInfo> Items { get; set; } = [];
}

internal sealed record DeleteSipDispatchRuleRequest
{
    public required string SipDispatchRuleId { get; init; }
}
