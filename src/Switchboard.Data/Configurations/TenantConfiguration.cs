using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Switchboard.Data.Entities;

namespace Switchboard.Data.Configurations;

internal sealed class TenantConfiguration : IEntityTypeConfiguration<Tenant>
{
    public void Configure(EntityTypeBuilder<Tenant> builder)
    {
        builder.ToTable("tenants");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Id).HasMaxLength(63);
        builder.Property(t => t.Name).HasMaxLength(200);
        builder.Property(t => t.DefaultAgent).HasMaxLength(128);
        builder.Property(t => t.BackupAgent).HasMaxLength(128);
        builder.Property(t => t.FallbackTransferTo).HasMaxLength(256);
        builder.Property(t => t.TimeZone).HasMaxLength(64);
    }
}
