using System.Globalization;
using System.Text;
using System.Text.Json.Serialization;
using Switchboard.LiveKit.Api.Json;

namespace Switchboard.LiveKit.Api;

// livekit.SIP inbound-trunk messages (livekit.md §3.6, §3.8).

/// <summary>
/// <c>livekit.SIPInboundTrunkInfo</c>. A new trunk needs auth credentials, <see cref="AllowedAddresses"/> or
/// <see cref="Numbers"/>. <see cref="AuthPassword"/> is left out of <see cref="object.ToString"/>.
/// </summary>
public sealed record SipInboundTrunkInfo
{
    /// <summary><c>ST_</c> + 12 characters; assigned by LiveKit, empty when creating.</summary>
    public string SipTrunkId { get; set; } = "";

    public string Name { get; set; } = "";

    public string Metadata { get; set; } = "";

    /// <summary>Dialed numbers the trunk accepts; empty = any.</summary>
    public IReadOnlyList<string> Numbers { get; set; } = [];

    /// <summary>IPs, CIDRs or host names calls may come from; empty = any.</summary>
    public IReadOnlyList<string> AllowedAddresses { get; set; } = [];

    /// <summary>Caller numbers allowed; empty = any.</summary>
    public IReadOnlyList<string> AllowedNumbers { get; set; } = [];

    public string AuthUsername { get; set; } = "";

    public string AuthPassword { get; set; } = "";

    public string AuthRealm { get; set; } = "";

    public IReadOnlyDictionary<string, string> Headers { get; set; } = new Dictionary<string, string>();

    public IReadOnlyDictionary<string, string> HeadersToAttributes { get; set; } = new Dictionary<string, string>();

    public IReadOnlyDictionary<string, string> AttributesToHeaders { get; set; } = new Dictionary<string, string>();

    public SipHeaderOptions IncludeHeaders { get; set; }

    [JsonConverter(typeof(ProtoDurationConverter))]
    public TimeSpan? RingingTimeout { get; set; }

    [JsonConverter(typeof(ProtoDurationConverter))]
    public TimeSpan? MaxCallDuration { get; set; }

    public bool KrispEnabled { get; set; }

    public SipMediaConfig? Media { get; set; }

    [JsonConverter(typeof(ProtoTimestampConverter))]
    public DateTimeOffset? CreatedAt { get; set; }

    [JsonConverter(typeof(ProtoTimestampConverter))]
    public DateTimeOffset? UpdatedAt { get; set; }

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append(CultureInfo.InvariantCulture, $"SipTrunkId = {SipTrunkId}, Name = {Name}, Numbers = [{string.Join(", ", Numbers)}], ");
        builder.Append(CultureInfo.InvariantCulture, $"AllowedAddresses = [{string.Join(", ", AllowedAddresses)}], AuthUsername = {AuthUsername}");
        return true;
    }
}

/// <summary><c>livekit.SIPInboundTrunkUpdate</c>: null leaves a field as it is. <see cref="AuthPassword"/> is left out of <see cref="object.ToString"/>.</summary>
public sealed record SipInboundTrunkUpdate
{
    public ListUpdate? Numbers { get; set; }

    public ListUpdate? AllowedAddresses { get; set; }

    public ListUpdate? AllowedNumbers { get; set; }

    public string? AuthUsername { get; set; }

    public string? AuthPassword { get; set; }

    public string? AuthRealm { get; set; }

    public string? Name { get; set; }

    public string? Metadata { get; set; }

    public SipMediaConfig? Media { get; set; }

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append(CultureInfo.InvariantCulture, $"Name = {Name}, AuthUsername = {AuthUsername}");
        return true;
    }
}

/// <summary><c>livekit.ListSIPInboundTrunkRequest</c>: every filter is optional.</summary>
public sealed record ListSipInboundTrunkRequest
{
    public Pagination? Page { get; set; }

    public IReadOnlyList<string> TrunkIds { get; set; } = [];

    /// <summary>Trunks listing one of these dialed numbers, plus trunks that list none.</summary>
    public IReadOnlyList<string> Numbers { get; set; } = [];
}

/// <summary><c>livekit.SIPHeaderOptions</c>: which INVITE headers become <c>sip.h.*</c> participant attributes.</summary>
[JsonConverter(typeof(ProtoEnumConverter<SipHeaderOptions>))]
public enum SipHeaderOptions
{
    [JsonStringEnumMemberName("SIP_NO_HEADERS")] None = 0,
    [JsonStringEnumMemberName("SIP_X_HEADERS")] XHeaders = 1,
    [JsonStringEnumMemberName("SIP_ALL_HEADERS")] All = 2,
}

internal sealed record CreateSipInboundTrunkRequest
{
    public required SipInboundTrunkInfo Trunk { get; init; }
}

internal sealed record UpdateSipInboundTrunkRequest
{
    public required string SipTrunkId { get; init; }

    public SipInboundTrunkInfo? Replace { get; set; }

    public SipInboundTrunkUpdate? Update { get; set; }
}

internal sealed record ListSipInboundTrunkResponse
{
    [JsonConverter(typeof(NonNullListConverter<SipInboundTrunkInfo>))]
    public IReadOnlyList<SipInboundTrunkInfo> Items { get; set; } = [];
}
