using Switchboard.Core.LiveKitSync;

namespace Switchboard.Web.LiveKitSync;

/// <summary>
/// <c>LiveKit:Trunk:*</c>: how calls are admitted to Switchboard's inbound trunk. Twilio Elastic SIP origination has no digest
/// authentication, so list Twilio's signalling ranges in <see cref="AllowedAddresses"/> (<c>LiveKit:Trunk:AllowedAddresses:0</c>, …).
/// </summary>
public sealed class LiveKitTrunkOptions
{
    public const string Section = "LiveKit:Trunk";

    /// <summary>IPs, CIDR ranges or host names calls may come from; empty: any address.</summary>
    public IList<string> AllowedAddresses { get; } = [];

    public string? AuthUsername { get; set; }

    /// <summary>Never logged, never printed.</summary>
    public string? AuthPassword { get; set; }

    /// <summary>The settings Core plans with; <paramref name="allowedAddresses"/>, when given, replace the configured addresses.</summary>
    public ManagedTrunkSettings ToSettings(IReadOnlyList<string>? allowedAddresses = null) => new()
    {
        AllowedAddresses = [.. (allowedAddresses is { Count: > 0 } ? allowedAddresses : (IEnumerable<string>)AllowedAddresses).Select(a => a.Trim()).Where(a => a.Length > 0)],
        AuthUsername = AuthUsername ?? "",
        AuthPassword = AuthPassword ?? "",
    };
}
