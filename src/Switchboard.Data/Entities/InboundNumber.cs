namespace Switchboard.Data.Entities;

/// <summary>A dialed number (E.164), unique across all tenants.</summary>
public sealed class InboundNumber
{
    public required string Number { get; set; }

    public required string TenantId { get; set; }

    public string? CampaignId { get; set; }

    public string? Agent { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public DateTime UpdatedAtUtc { get; set; }

    public DateTime? ArchivedAtUtc { get; set; }
}
