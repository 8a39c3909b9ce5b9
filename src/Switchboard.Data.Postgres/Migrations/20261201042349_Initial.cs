using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Switchboard.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "calls",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    call_id = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    action = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    reason = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    agent_name = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    tenant_id = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: true),
                    campaign_id = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: true),
                    lead_id = table.Column<Guid>(type: "uuid", nullable: true),
                    from_raw = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    from_number = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    to_raw = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    to_number = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    trunk_id = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    room_name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    attributes_json = table.Column<string>(type: "text", nullable: true),
                    config_version = table.Column<long>(type: "bigint", nullable: false),
                    received_at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    decided_at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    trace_json = table.Column<string>(type: "text", nullable: false),
                    response_json = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_calls", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "config_versions",
                columns: table => new
                {
                    version = table.Column<long>(type: "bigint", nullable: false),
                    applied_at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    source = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    summary = table.Column<string>(type: "text", nullable: false),
                    default_agent = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    default_region = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: false),
                    blocked_callers_json = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_config_versions", x => x.version);
                });

            migrationBuilder.CreateTable(
                name: "leads",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false),
                    phone = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    source = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    first_campaign_id = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: true),
                    last_campaign_id = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: true),
                    call_count = table.Column<int>(type: "integer", nullable: false),
                    first_call_at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    last_call_at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    created_at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_leads", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "tenants",
                columns: table => new
                {
                    id = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    default_agent = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    time_zone = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    blocked_callers_json = table.Column<string>(type: "text", nullable: false),
                    created_at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    archived_at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_tenants", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "call_events",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    call_row_id = table.Column<Guid>(type: "uuid", nullable: false),
                    type = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    occurred_at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    data_json = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_call_events", x => x.id);
                    table.ForeignKey(
                        name: "fk_call_events_calls",
                        column: x => x.call_row_id,
                        principalTable: "calls",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "campaigns",
                columns: table => new
                {
                    tenant_id = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false),
                    id = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    agent = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    active = table.Column<bool>(type: "boolean", nullable: false),
                    starts_at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ends_at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    metadata_json = table.Column<string>(type: "text", nullable: true),
                    created_at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    archived_at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_campaigns", x => new { x.tenant_id, x.id });
                    table.ForeignKey(
                        name: "fk_campaigns_tenants",
                        column: x => x.tenant_id,
                        principalTable: "tenants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "numbers",
                columns: table => new
                {
                    number = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    tenant_id = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false),
                    campaign_id = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: true),
                    agent = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    created_at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    archived_at_utc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_numbers", x => x.number);
                    table.ForeignKey(
                        name: "fk_numbers_tenants",
                        column: x => x.tenant_id,
                        principalTable: "tenants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_call_events_call_row_id_occurred_at_utc",
                table: "call_events",
                columns: new[] { "call_row_id", "occurred_at_utc" });

            migrationBuilder.CreateIndex(
                name: "ix_calls_call_id",
                table: "calls",
                column: "call_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_calls_received_at_utc",
                table: "calls",
                column: "received_at_utc");

            migrationBuilder.CreateIndex(
                name: "ix_calls_tenant_id_received_at_utc",
                table: "calls",
                columns: new[] { "tenant_id", "received_at_utc" });

            migrationBuilder.CreateIndex(
                name: "ix_leads_tenant_id_phone",
                table: "leads",
                columns: new[] { "tenant_id", "phone" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_numbers_tenant_id",
                table: "numbers",
                column: "tenant_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "call_events");

            migrationBuilder.DropTable(
                name: "campaigns");

            migrationBuilder.DropTable(
                name: "config_versions");

            migrationBuilder.DropTable(
                name: "leads");

            migrationBuilder.DropTable(
                name: "numbers");

            migrationBuilder.DropTable(
                name: "calls");

            migrationBuilder.DropTable(
                name: "tenants");
        }
    }
}
