using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Switchboard.Data.Entities;

namespace Switchboard.Data.Configurations;

internal sealed class CallConfiguration : IEntityTypeConfiguration<Call>
{
    public void Configure(EntityTypeBuilder<Call> builder)
    {
        builder.ToTable("calls");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.CallId).HasMaxLength(256);
        builder.HasIndex(c => c.CallId).IsUnique();        // idempotency: one row per LiveKit call, never check-then-insert
        builder.Property(c => c.Action).HasMaxLength(16);
        builder.Property(c => c.Reason).HasMaxLength(64);
        builder.Property(c => c.AgentName).HasMaxLength(128);
        builder.Property(c => c.TenantId).HasMaxLength(63);
        builder.Property(c => c.CampaignId).HasMaxLength(63);
        builder.Property(c => c.FromRaw).HasMaxLength(256);
        builder.Property(c => c.FromNumber).HasMaxLength(16);
        builder.Property(c => c.ToRaw).HasMaxLength(256);
        builder.Property(c => c.ToNumber).HasMaxLength(16);
        builder.Property(c => c.TrunkId).HasMaxLength(256);
        builder.Property(c => c.RoomName).HasMaxLength(256);
        // AttributesJson, TraceJson and ResponseJson are unbounded text: the request's limits bound them, not the column.
        builder.Property(c => c.Source).HasMaxLength(16).HasDefaultValue(CallSources.Webhook);
        builder.Property(c => c.Stage).HasMaxLength(16).HasDefaultValue("routed");
        builder.Property(c => c.RoomSid).HasMaxLength(64);
        builder.Property(c => c.ParticipantIdentity).HasMaxLength(256);
        builder.Property(c => c.TwilioCallSid).HasMaxLength(64);
        builder.Property(c => c.Outcome).HasMaxLength(16);
        builder.Property(c => c.DisconnectReason).HasMaxLength(64);
        builder.HasIndex(c => c.RoomSid);
        builder.HasIndex(c => new { c.TenantId, c.ReceivedAtUtc });
        builder.HasIndex(c => c.ReceivedAtUtc);
    }
}
