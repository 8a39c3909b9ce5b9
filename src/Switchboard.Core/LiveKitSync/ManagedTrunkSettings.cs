namespace Switchboard.Core.LiveKitSync;

/// <summary>
/// How calls are admitted to Switchboard's inbound trunk, beyond its numbers: source addresses (Twilio's signalling ranges,
/// since Twilio Elastic SIP origination has no digest authentication) and, for providers that have it, digest credentials.
/// </summary>
public sealed record ManagedTrunkSettings
{
    public static ManagedTrunkSettings None { get; } = new();

    /// <summary>IPs, CIDR ranges or host names calls may come from; empty: any address.</summary>
    public IReadOnlyList<string> AllowedAddresses { get; init; } = [];

    public string AuthUsername { get; init; } = "";

    /// <summary>Never printed, never logged.</summary>
    public string AuthPassword { get; init; } = "";
}
