namespace Switchboard.Data.Entities;

/// <summary>A caller of a tenant: one row per (tenant, phone), created by the first call and updated by each return.</summary>
public sealed class Lead
{
    public Guid Id { get; set; }

    public required string TenantId { get; set; }

    /// <summary>E.164.</summary>
    public required string Phone { get; set; }

    /// <summary>How the lead came in, e.g. <c>inbound_call</c>.</summary>
    public required string Source { get; set; }

    public string? FirstCampaignId { get; set; }

    public string? LastCampaignId { get; set; }

    public int CallCount { get; set; }

    public DateTime FirstCallAtUtc { get; set; }

    public DateTime LastCallAtUtc { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public DateTime UpdatedAtUtc { get; set; }
}
