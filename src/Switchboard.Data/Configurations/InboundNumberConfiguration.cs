using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Switchboard.Data.Entities;

namespace Switchboard.Data.Configurations;

internal sealed class InboundNumberConfiguration : IEntityTypeConfiguration<InboundNumber>
{
    public void Configure(EntityTypeBuilder<InboundNumber> builder)
    {
        builder.ToTable("numbers");
        builder.HasKey(n => n.Number);                      // a dialed number belongs to one tenant, globally
        builder.Property(n => n.Number).HasMaxLength(16);   // E.164: '+' and at most 15 digits
        builder.Property(n => n.TenantId).HasMaxLength(63);
        builder.Property(n => n.CampaignId).HasMaxLength(63);
        builder.Property(n => n.Agent).HasMaxLength(128);
        builder.HasIndex(n => n.TenantId);
        builder.HasOne<Tenant>().WithMany().HasForeignKey(n => n.TenantId).OnDelete(DeleteBehavior.Restrict);
    }
}
