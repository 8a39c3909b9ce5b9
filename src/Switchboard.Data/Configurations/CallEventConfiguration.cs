using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Switchboard.Data.Entities;

namespace Switchboard.Data.Configurations;

internal sealed class CallEventConfiguration : IEntityTypeConfiguration<CallEvent>
{
    public void Configure(EntityTypeBuilder<CallEvent> builder)
    {
        builder.ToTable("call_events");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Type).HasMaxLength(64);
        builder.HasIndex(e => new { e.CallRowId, e.OccurredAtUtc });
        builder.HasOne<Call>().WithMany().HasForeignKey(e => e.CallRowId).OnDelete(DeleteBehavior.Cascade);
    }
}
