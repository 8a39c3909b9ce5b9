using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Switchboard.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class LiveKitIntegration : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "agent_join_timeout_seconds",
                table: "tenants",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "backup_agent",
                table: "tenants",
                type: "character varying(128)",
                maxLength: 128,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "fallback_transfer_to",
                table: "tenants",
                type: "character varying(256)",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "livekit_json",
                table: "config_versions",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "agent_join_timeout_seconds",
                table: "campaigns",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "backup_agent",
                table: "campaigns",
                type: "character varying(128)",
                maxLength: 128,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "fallback_transfer_to",
                table: "campaigns",
                type: "character varying(256)",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "agent_joined_at_utc",
                table: "calls",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "answered_at_utc",
                table: "calls",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "disconnect_reason",
                table: "calls",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "ended_at_utc",
                table: "calls",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "joined_at_utc",
                table: "calls",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "outcome",
                table: "calls",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "participant_identity",
                table: "calls",
                type: "character varying(256)",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ring_ms",
                table: "calls",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "room_sid",
                table: "calls",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "source",
                table: "calls",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "webhook");

            migrationBuilder.AddColumn<string>(
                name: "stage",
                table: "calls",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "routed");

            migrationBuilder.AddColumn<long>(
                name: "talk_ms",
                table: "calls",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "twilio_call_sid",
                table: "calls",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "call_actions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    call_id = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    state = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    due_at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    lease_owner = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    lease_until_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    data_json = table.Column<string>(type: "text", nullable: false),
                    result_json = table.Column<string>(type: "text", nullable: true),
                    last_error = table.Column<string>(type: "text", nullable: true),
                    created_at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    completed_at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_call_actions", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "livekit_events",
                columns: table => new
                {
                    event_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    occurred_at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    received_at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    room_sid = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    room_name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    participant_identity = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    role = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    sip_call_id = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    disconnect_reason = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_livekit_events", x => x.event_id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_calls_room_sid",
                table: "calls",
                column: "room_sid");

            migrationBuilder.CreateIndex(
                name: "ix_call_actions_call_id_kind",
                table: "call_actions",
                columns: new[] { "call_id", "kind" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_call_actions_state_due_at_utc",
                table: "call_actions",
                columns: new[] { "state", "due_at_utc" });

            migrationBuilder.CreateIndex(
                name: "ix_livekit_events_received_at_utc",
                table: "livekit_events",
                column: "received_at_utc");

            migrationBuilder.CreateIndex(
                name: "ix_livekit_events_room_sid",
                table: "livekit_events",
                column: "room_sid");

            migrationBuilder.CreateIndex(
                name: "ix_livekit_events_sip_call_id",
                table: "livekit_events",
                column: "sip_call_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "call_actions");

            migrationBuilder.DropTable(
                name: "livekit_events");

            migrationBuilder.DropIndex(
                name: "ix_calls_room_sid",
                table: "calls");

            migrationBuilder.DropColumn(
                name: "agent_join_timeout_seconds",
                table: "tenants");

            migrationBuilder.DropColumn(
                name: "backup_agent",
                table: "tenants");

            migrationBuilder.DropColumn(
                name: "fallback_transfer_to",
                table: "tenants");

            migrationBuilder.DropColumn(
                name: "livekit_json",
                table: "config_versions");

            migrationBuilder.DropColumn(
                name: "agent_join_timeout_seconds",
                table: "campaigns");

            migrationBuilder.DropColumn(
                name: "backup_agent",
                table: "campaigns");

            migrationBuilder.DropColumn(
                name: "fallback_transfer_to",
                table: "campaigns");

            migrationBuilder.DropColumn(
                name: "agent_joined_at_utc",
                table: "calls");

            migrationBuilder.DropColumn(
                name: "answered_at_utc",
                table: "calls");

            migrationBuilder.DropColumn(
                name: "disconnect_reason",
                table: "calls");

            migrationBuilder.DropColumn(
                name: "ended_at_utc",
                table: "calls");

            migrationBuilder.DropColumn(
                name: "joined_at_utc",
                table: "calls");

            migrationBuilder.DropColumn(
                name: "outcome",
                table: "calls");

            migrationBuilder.DropColumn(
                name: "participant_identity",
                table: "calls");

            migrationBuilder.DropColumn(
                name: "ring_ms",
                table: "calls");

            migrationBuilder.DropColumn(
                name: "room_sid",
                table: "calls");

            migrationBuilder.DropColumn(
                name: "source",
                table: "calls");

            migrationBuilder.DropColumn(
                name: "stage",
                table: "calls");

            migrationBuilder.DropColumn(
                name: "talk_ms",
                table: "calls");

            migrationBuilder.DropColumn(
                name: "twilio_call_sid",
                table: "calls");
        }
    }
}
