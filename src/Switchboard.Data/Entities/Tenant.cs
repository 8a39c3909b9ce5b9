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

    public DateTime CreatedAtUtc { get; set; }

    public DateTime UpdatedAtUtc { get; set; }

    /// <summary>Set when <c>config apply --prune</c> removed a tenant that has history; archived tenants do not route.</summary>
    public DateTime? ArchivedAtUtc { get; set; }
}
