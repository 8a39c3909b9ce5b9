using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Switchboard.Data.Entities;

namespace Switchboard.Data.Configurations;

internal sealed class CallActionConfiguration : IEntityTypeConfiguration<CallAction>
{
    public void Configure(EntityTypeBuilder<CallAction> builder)
    {
        builder.ToTable("call_actions");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.CallId).HasMaxLength(256);
        builder.Property(a => a.Kind).HasMaxLength(32);
        builder.Property(a => a.State).HasMaxLength(16);
        builder.Property(a => a.LeaseOwner).HasMaxLength(128);
        builder.HasIndex(a => new { a.CallId, a.Kind }).IsUnique();    // enqueue is insert-or-nothing: one action of a kind per call
        builder.HasIndex(a => new { a.State, a.DueAtUtc });              // the worker's scan
    }
}
