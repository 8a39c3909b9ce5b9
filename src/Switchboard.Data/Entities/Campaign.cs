namespace Switchboard.Data.Entities;

/// <summary>A campaign; its slug is unique within its tenant.</summary>
public sealed class Campaign
{
    public required string TenantId { get; set; }

    public required string Id { get; set; }

    public required string Name { get; set; }

    public string? Agent { get; set; }

    public bool Active { get; set; } = true;

    public DateTime? StartsAtUtc { get; set; }

    public DateTime? EndsAtUtc { get; set; }

    /// <summary>A JSON object passed to the agent, or null.</summary>
    public string? MetadataJson { get; set; }

    /// <summary>The dispatch watchdog: the agent dispatched when the first does not join in time.</summary>
    public string? BackupAgent { get; set; }

    /// <summary>The dispatch watchdog: where the caller is transferred (sip:/tel: URI) when no agent joins in time.</summary>
    public string? FallbackTransferTo { get; set; }

    /// <summary>The dispatch watchdog: how long an agent has to join, in seconds (null: the default).</summary>
    public int? AgentJoinTimeoutSeconds { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public DateTime UpdatedAtUtc { get; set; }

    public DateTime? ArchivedAtUtc { get; set; }
}
