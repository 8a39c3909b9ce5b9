using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Switchboard.Data.Entities;

namespace Switchboard.Data.Configurations;

internal sealed class LiveKitEventConfiguration : IEntityTypeConfiguration<LiveKitEvent>
{
    public void Configure(EntityTypeBuilder<LiveKitEvent> builder)
    {
        builder.ToTable("livekit_events");
        builder.HasKey(e => e.EventId);                   // dedupe: insert-or-nothing on LiveKit's event id
        builder.Property(e => e.EventId).HasMaxLength(64);
        builder.Property(e => e.Kind).HasMaxLength(32);
        builder.Property(e => e.RoomSid).HasMaxLength(64);
        builder.Property(e => e.RoomName).HasMaxLength(256);
        builder.Property(e => e.ParticipantIdentity).HasMaxLength(256);
        builder.Property(e => e.Role).HasMaxLength(16);
        builder.Property(e => e.SipCallId).HasMaxLength(256);
        builder.Property(e => e.DisconnectReason).HasMaxLength(64);
        builder.HasIndex(e => e.RoomSid);
        builder.HasIndex(e => e.SipCallId);
        builder.HasIndex(e => e.ReceivedAtUtc);
    }
}
