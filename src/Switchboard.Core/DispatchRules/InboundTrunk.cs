using System.Text.Json;

namespace Switchboard.Core.DispatchRules;

/// <summary>
/// LiveKit's <c>SIPInboundTrunkInfo</c>: which calls LiveKit accepts, by dialed number, caller and source address.
/// Every field LiveKit lists is kept, so a pasted trunk is written back whole; matching reads only the numbers,
/// <see cref="AllowedAddresses"/> and <see cref="AllowedNumbers"/>.
/// </summary>
public sealed record InboundTrunk
{
    /// <summary><c>sip_trunk_id</c>: required here, since matching sorts and breaks ties by it.</summary>
    public required string Id { get; init; }

    public string Name { get; init; } = "";

    public string Metadata { get; init; } = "";

    /// <summary>Dialed numbers this trunk accepts, compared after <see cref="DispatchRuleMatcher.NormalizeNumber"/>; empty: any (a default trunk).</summary>
    public IReadOnlyList<string> Numbers { get; init; } = [];

    /// <summary>Source IPs, CIDR ranges or From hosts allowed; malformed entries are ignored, as LiveKit ignores them.</summary>
    public IReadOnlyList<string> AllowedAddresses { get; init; } = [];

    /// <summary>Callers allowed, compared after normalising; empty: any.</summary>
    public IReadOnlyList<string> AllowedNumbers { get; init; } = [];

    public string AuthUsername { get; init; } = "";

    public string AuthPassword { get; init; } = "";

    public string AuthRealm { get; init; } = "";

    public IReadOnlyDictionary<string, string> Headers { get; init; } = ProtoEnums.NoAttributes;

    public IReadOnlyDictionary<string, string> HeadersToAttributes { get; init; } = ProtoEnums.NoAttributes;

    public IReadOnlyDictionary<string, string> AttributesToHeaders { get; init; } = ProtoEnums.NoAttributes;

    /// <summary>A <c>SIPHeaderOptions</c> name.</summary>
    public string IncludeHeaders { get; init; } = ProtoEnums.HeaderOptions[0];

    /// <summary>A protobuf Duration as JSON writes it (<c>"30s"</c>), or null when unset.</summary>
    public string? RingingTimeout { get; init; }

    /// <summary>A protobuf Duration as JSON writes it, or null when unset.</summary>
    public string? MaxCallDuration { get; init; }

    public bool KrispEnabled { get; init; }

    /// <summary>A <c>SIPMediaEncryption</c> name (deprecated by LiveKit in favour of <c>media.encryption</c>).</summary>
    public string MediaEncryption { get; init; } = ProtoEnums.MediaEncryptions[0];

    /// <summary>The <c>media</c> message, opaque: a JSON object, or null when unset.</summary>
    public JsonElement? Media { get; init; }

    /// <summary>Whether digest authentication is on: LiveKit challenges only when both username and password are set.</summary>
    public bool HasAuth => AuthUsername.Length > 0 && AuthPassword.Length > 0;
}
