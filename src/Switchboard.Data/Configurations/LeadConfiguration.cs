using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Switchboard.Data.Entities;

namespace Switchboard.Data.Configurations;

internal sealed class LeadConfiguration : IEntityTypeConfiguration<Lead>
{
    public void Configure(EntityTypeBuilder<Lead> builder)
    {
        builder.ToTable("leads");
        builder.HasKey(l => l.Id);
        builder.Property(l => l.TenantId).HasMaxLength(63);
        builder.Property(l => l.Phone).HasMaxLength(16);
        builder.Property(l => l.Source).HasMaxLength(32);
        builder.Property(l => l.FirstCampaignId).HasMaxLength(63);
        builder.Property(l => l.LastCampaignId).HasMaxLength(63);
        builder.HasIndex(l => new { l.TenantId, l.Phone }).IsUnique();   // never two leads for one caller and tenant
    }
}
