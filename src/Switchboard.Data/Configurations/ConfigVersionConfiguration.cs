using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Switchboard.Data.Entities;

namespace Switchboard.Data.Configurations;

internal sealed class ConfigVersionConfiguration : IEntityTypeConfiguration<ConfigVersion>
{
    public void Configure(EntityTypeBuilder<ConfigVersion> builder)
    {
        builder.ToTable("config_versions");
        builder.HasKey(v => v.Version);
        builder.Property(v => v.Version).ValueGeneratedNever();   // allocated as max + 1 inside the applying transaction
        builder.Property(v => v.Source).HasMaxLength(32);
        builder.Property(v => v.DefaultAgent).HasMaxLength(128);
        builder.Property(v => v.DefaultRegion).HasMaxLength(2);
        builder.Property(v => v.LiveKitJson).HasColumnName("livekit_json");   // unbounded: the document's size limit bounds it
    }
}
