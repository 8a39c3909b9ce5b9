namespace Switchboard.Core.Configuration;

/// <summary>
/// What to do when a dispatched agent does not join in time (the dispatch watchdog): the keys <c>backup_agent</c>,
/// <c>fallback_transfer_to</c> and <c>agent_join_timeout_seconds</c>, set on a campaign or a tenant. A campaign's value
/// wins over its tenant's, key by key (<see cref="Over"/>).
/// </summary>
public sealed record AgentFallback(string? BackupAgent, string? FallbackTransferTo, int? AgentJoinTimeoutSeconds)
{
    /// <summary>How long an agent has to join when nothing says otherwise.</summary>
    public const int DefaultTimeoutSeconds = 10;

    public const int MaxTimeoutSeconds = 600;

    public static AgentFallback None { get; } = new(null, null, null);

    public bool IsNone => BackupAgent is null && FallbackTransferTo is null && AgentJoinTimeoutSeconds is null;

    public TimeSpan Timeout => TimeSpan.FromSeconds(AgentJoinTimeoutSeconds ?? DefaultTimeoutSeconds);

    /// <summary>This (a campaign's) keys, each falling back to <paramref name="outer"/>'s (its tenant's).</summary>
    public AgentFallback Over(AgentFallback? outer) => outer is null ? this : new(
        BackupAgent ?? outer.BackupAgent,
        FallbackTransferTo ?? outer.FallbackTransferTo,
        AgentJoinTimeoutSeconds ?? outer.AgentJoinTimeoutSeconds);

    /// <summary>Whether <paramref name="uri"/> is a transfer target LiveKit accepts: <c>sip:</c>, <c>sips:</c> or <c>tel:</c>, optionally in angle brackets.</summary>
    public static bool IsTransferTarget(string uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        var bare = uri.StartsWith('<') && uri.EndsWith('>') ? uri[1..^1] : uri;
        return bare.Length > 4
            && (bare.StartsWith("sip:", StringComparison.OrdinalIgnoreCase) || bare.StartsWith("sips:", StringComparison.OrdinalIgnoreCase)
                || bare.StartsWith("tel:", StringComparison.OrdinalIgnoreCase))
            && !bare.Any(c => char.IsWhiteSpace(c) || char.IsControl(c));
    }
}
