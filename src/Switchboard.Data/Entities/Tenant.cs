namespace Switchboard.Data.Entities;

/// <summary>A tenant, keyed by its slug from the configuration.</summary>
public sealed class Tenant
{
    public required string Id { get; set; }

    public required string Name { get; set; }

    public string? DefaultAgent { get; set; }

    public required string TimeZone { get; set; }

    /// <summary>E.164 numbers as a JSON array.</summary>
    public string BlockedCallersJson { get; set; } = "[]";

    /// <summary>The dispatch watchdog: the agent dispatched when the first does not join in time.</summary>
    public string? BackupAgent { get; set; }

    /// <summary>The dispatch watchdog: where the caller is transferred (sip:/tel: URI) when no agent joins in time.</summary>
    public string? FallbackTransferTo { get; set; }

    /// <summary>The dispatch watchdog: how long an agent has to join, in seconds (null: the default).</summary>
    public int? AgentJoinTimeoutSeconds { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public DateTime UpdatedAtUtc { get; set; }

    /// <summary>Set when <c>config apply --prune</c> removed a tenant that has history; archived tenants do not route.</summary>
    public DateTime? ArchivedAtUtc { get; set; }
}
