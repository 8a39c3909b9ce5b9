using Npgsql;
using NpgsqlTypes;

namespace Switchboard.Data;

/// <summary>
/// The hot path on PostgreSQL: one statement per call, so one round trip and an implicit transaction. Data-modifying CTEs
/// upsert the lead, insert the call with its answer (the lead's values filled in by <c>format()</c> from the upsert's
/// <c>RETURNING</c>) and its timeline entries; a call id recorded before fails the whole statement on its unique index,
/// which undoes the lead's increment, and the stored answer is replayed. Plain Npgsql on its own data source, positional
/// parameters and automatic preparation: no SQL rewriting, no EF pipeline per call.
/// </summary>
public sealed class PostgresCallRecorder(NpgsqlDataSource dataSource, DatabaseOptions options) : CallRecorder
{
    private const string CallIdIndex = "ix_calls_call_id";

    private const string CallColumns = """
        id, call_id, action, reason, agent_name, tenant_id, campaign_id, lead_id, from_raw, from_number, to_raw, to_number, trunk_id, room_name,
        attributes_json, config_version, received_at_utc, decided_at_utc, trace_json, response_json, source, stage, ended_at_utc, outcome, ring_ms
        """;

    private const string Events = """
        events AS (
            INSERT INTO call_events (id, call_row_id, type, occurred_at_utc, data_json)
            SELECT e.id, call.id, e.type, $17, e.data
            FROM call, (VALUES ($25::uuid, $26::text, NULL::text), ($27::uuid, 'ended', $28::text)) AS e (id, type, data)
            WHERE e.id IS NOT NULL
        )
        SELECT response_json FROM call
        """;

    private const string InsertCall = $"""
        WITH call AS (
            INSERT INTO calls ({CallColumns})
            VALUES ($1, $2, $3, $4, $5, $6, $7, NULL, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24)
            RETURNING id, response_json
        ),
        {Events}
        """;

    private const string InsertCallWithLead = $"""
        WITH lead AS (
            INSERT INTO leads (id, tenant_id, phone, source, first_campaign_id, last_campaign_id, call_count,
                               first_call_at_utc, last_call_at_utc, created_at_utc, updated_at_utc)
            VALUES ($29, $30, $31, '{LeadSourceInboundCall}', $7, $7, 1, $16, $16, $16, $16)
            ON CONFLICT (tenant_id, phone) DO UPDATE SET
                call_count = leads.call_count + 1,
                first_campaign_id = COALESCE(leads.first_campaign_id, excluded.first_campaign_id),
                last_campaign_id = COALESCE(excluded.last_campaign_id, leads.last_campaign_id),
                last_call_at_utc = excluded.last_call_at_utc,
                updated_at_utc = excluded.updated_at_utc
            RETURNING id, call_count
        ),
        call AS (
            INSERT INTO calls ({CallColumns})
            SELECT $1, $2, $3, $4, $5, $6, $7, lead.id, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18,
                   format($19, lead.id, (lead.call_count > 1)::text, lead.call_count), $20, $21, $22, $23, $24
            FROM lead
            RETURNING id, response_json
        ),
        {Events}
        """;

    private const string SelectStored = "SELECT id, response_json, from_raw, to_raw FROM calls WHERE call_id = $1";

    private const string InsertConflict = $"""
        INSERT INTO call_events (id, call_row_id, type, occurred_at_utc, data_json) VALUES ($1, $2, '{DuplicateConflictEvent}', $3, NULL)
        """;

    public override async Task<RecordOutcome> RecordAsync(CallWrite write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(write);
        write.Validate();
        var call = write.Call;
        var (firstEvent, endedEvent) = CallWrite.NewEventIds();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(write.Lead is null ? InsertCall : InsertCallWithLead, connection);
        command.CommandTimeout = options.CommandTimeoutSeconds;
        var p = command.Parameters;
        Add(p, NpgsqlDbType.Uuid, Guid.CreateVersion7());
        Add(p, NpgsqlDbType.Varchar, call.CallId);
        Add(p, NpgsqlDbType.Varchar, call.Action);
        Add(p, NpgsqlDbType.Varchar, call.Reason);
        Add(p, NpgsqlDbType.Varchar, call.AgentName);
        Add(p, NpgsqlDbType.Varchar, call.TenantId);
        Add(p, NpgsqlDbType.Varchar, call.CampaignId);
        Add(p, NpgsqlDbType.Varchar, call.FromRaw);
        Add(p, NpgsqlDbType.Varchar, call.FromNumber);
        Add(p, NpgsqlDbType.Varchar, call.ToRaw);
        Add(p, NpgsqlDbType.Varchar, call.ToNumber);
        Add(p, NpgsqlDbType.Varchar, call.TrunkId);
        Add(p, NpgsqlDbType.Varchar, call.RoomName);
        Add(p, NpgsqlDbType.Text, call.AttributesJson);
        Add(p, NpgsqlDbType.Bigint, call.ConfigVersion);
        Add(p, NpgsqlDbType.TimestampTz, call.ReceivedAtUtc);
        Add(p, NpgsqlDbType.TimestampTz, call.DecidedAtUtc);
        Add(p, NpgsqlDbType.Text, call.TraceJson);
        Add(p, NpgsqlDbType.Text, write.Lead is null ? write.Answer.Text : write.Answer.PostgresFormat());
        Add(p, NpgsqlDbType.Varchar, call.Source);
        Add(p, NpgsqlDbType.Varchar, write.Stage);
        Add(p, NpgsqlDbType.TimestampTz, write.EndedAtUtc);
        Add(p, NpgsqlDbType.Varchar, write.Outcome);
        Add(p, NpgsqlDbType.Bigint, write.RingMs);
        Add(p, NpgsqlDbType.Uuid, firstEvent);
        Add(p, NpgsqlDbType.Text, write.EventType);
        Add(p, NpgsqlDbType.Uuid, write.EndedAtDecision is null ? null : endedEvent);
        Add(p, NpgsqlDbType.Text, write.EndedData);
        if (write.Lead is { } lead)
        {
            Add(p, NpgsqlDbType.Uuid, Guid.CreateVersion7());
            Add(p, NpgsqlDbType.Varchar, lead.TenantId);
            Add(p, NpgsqlDbType.Varchar, lead.Phone);
        }

        try
        {
            var answer = (string?)await command.ExecuteScalarAsync(cancellationToken);
            return new RecordOutcome(answer ?? throw new InvalidOperationException("The call insert returned no answer."), Replayed: false, Conflict: false);
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation && ex.ConstraintName == CallIdIndex)
        {
            // A retry or a concurrent duplicate: the failed statement changed nothing, the lead included.
            return await ReplayAsync(connection, call, cancellationToken);
        }
    }

    private async Task<RecordOutcome> ReplayAsync(NpgsqlConnection connection, CallRecord call, CancellationToken cancellationToken)
    {
        Guid rowId;
        string answer;
        bool conflict;
        await using (var select = new NpgsqlCommand(SelectStored, connection))
        {
            select.CommandTimeout = options.CommandTimeoutSeconds;
            Add(select.Parameters, NpgsqlDbType.Varchar, call.CallId);
            await using var reader = await select.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                throw new InvalidOperationException($"Call '{call.CallId}' conflicted on its id but is not stored.");
            }

            rowId = reader.GetGuid(0);
            answer = reader.GetString(1);
            conflict = IsConflict(call, reader.GetString(2), reader.GetString(3));
        }

        if (conflict)
        {
            await using var insert = new NpgsqlCommand(InsertConflict, connection);
            insert.CommandTimeout = options.CommandTimeoutSeconds;
            Add(insert.Parameters, NpgsqlDbType.Uuid, Guid.CreateVersion7());
            Add(insert.Parameters, NpgsqlDbType.Uuid, rowId);
            Add(insert.Parameters, NpgsqlDbType.TimestampTz, call.ReceivedAtUtc);
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        return new RecordOutcome(answer, Replayed: true, Conflict: conflict);
    }

    private static void Add(NpgsqlParameterCollection parameters, NpgsqlDbType type, object? value) =>
        parameters.Add(new NpgsqlParameter { NpgsqlDbType = type, Value = value ?? DBNull.Value });
}
