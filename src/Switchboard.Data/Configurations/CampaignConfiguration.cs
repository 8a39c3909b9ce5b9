using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Switchboard.Data.Entities;

namespace Switchboard.Data.Configurations;

internal sealed class CampaignConfiguration : IEntityTypeConfiguration<Campaign>
{
    public void Configure(EntityTypeBuilder<Campaign> builder)
    {
        builder.ToTable("campaigns");
        builder.HasKey(c => new { c.TenantId, c.Id });
        builder.Property(c => c.TenantId).HasMaxLength(63);
        builder.Property(c => c.Id).HasMaxLength(63);
        builder.Property(c => c.Name).HasMaxLength(200);
        builder.Property(c => c.Agent).HasMaxLength(128);
        builder.Property(c => c.BackupAgent).HasMaxLength(128);
        builder.Property(c => c.FallbackTransferTo).HasMaxLength(256);
        builder.HasOne<Tenant>().WithMany().HasForeignKey(c => c.TenantId).OnDelete(DeleteBehavior.Restrict);
    }
}
