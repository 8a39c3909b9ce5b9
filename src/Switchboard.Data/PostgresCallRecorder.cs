using System.Collections.Concurrent;
using Npgsql;
using NpgsqlTypes;

namespace Switchboard.Data;

/// <summary>
/// The hot path on PostgreSQL: one statement per call, so one round trip and an implicit transaction. Data-modifying CTEs
/// upsert the lead, insert the call with its answer (the lead's values filled in by <c>format()</c> from the upsert's
/// <c>RETURNING</c>) and its timeline entries; a call id recorded before fails the whole statement on its unique index,
/// which undoes the lead's increment, and the stored answer is replayed. The statement returns the lead's id and count, and
/// the answer is filled from them as PostgreSQL filled the stored one. Plain Npgsql on its own data source, positional
/// parameters, automatic preparation and commands reused with their parameters: no SQL rewriting, no EF pipeline per call.
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
        """;

    private const string InsertCall = $"""
        WITH call AS (
            INSERT INTO calls ({CallColumns})
            VALUES ($1, $2, $3, $4, $5, $6, $7, NULL, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24)
            RETURNING id
        ),
        {Events}
        SELECT count(*) FROM call
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
            RETURNING id
        ),
        {Events}
        SELECT lead.id, lead.call_count FROM lead, call
        """;

    private const string SelectStored = "SELECT id, response_json, from_raw, to_raw FROM calls WHERE call_id = $1";

    private const string InsertConflict = $"""
        INSERT INTO call_events (id, call_row_id, type, occurred_at_utc, data_json) VALUES ($1, $2, '{DuplicateConflictEvent}', $3, NULL)
        """;

    private const int InsertParameterCount = 28;

    private const int LeadParameterCount = 31;

    /// <summary>Commands with their parameters, reused from call to call (a call's 31 parameters would otherwise be its largest allocation).</summary>
    private readonly ConcurrentBag<NpgsqlCommand> _insertCalls = [];

    private readonly ConcurrentBag<NpgsqlCommand> _insertCallsWithLead = [];

    public override async Task<RecordOutcome> RecordAsync(CallWrite write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(write);
        write.Validate();
        var call = write.Call;
        var (firstEvent, endedEvent) = CallWrite.NewEventIds();
        var pool = write.Lead is null ? _insertCalls : _insertCallsWithLead;
        var command = pool.TryTake(out var pooled) ? pooled : NewInsert(write.Lead is not null, options.CommandTimeoutSeconds);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        command.Connection = connection;
        var p = command.Parameters;
        var i = 0;
        p[i++].Value = Guid.CreateVersion7();
        p[i++].Value = Nullable(call.CallId);
        p[i++].Value = Nullable(call.Action);
        p[i++].Value = Nullable(call.Reason);
        p[i++].Value = Nullable(call.AgentName);
        p[i++].Value = Nullable(call.TenantId);
        p[i++].Value = Nullable(call.CampaignId);
        p[i++].Value = Nullable(call.FromRaw);
        p[i++].Value = Nullable(call.FromNumber);
        p[i++].Value = Nullable(call.ToRaw);
        p[i++].Value = Nullable(call.ToNumber);
        p[i++].Value = Nullable(call.TrunkId);
        p[i++].Value = Nullable(call.RoomName);
        p[i++].Value = Nullable(call.AttributesJson);
        p[i++].Value = call.ConfigVersion;
        p[i++].Value = call.ReceivedAtUtc;
        p[i++].Value = call.DecidedAtUtc;
        p[i++].Value = Nullable(call.TraceJson);
        p[i++].Value = write.Lead is null ? write.Answer.Text : write.Answer.PostgresFormat();
        p[i++].Value = Nullable(call.Source);
        p[i++].Value = Nullable(write.Stage);
        p[i++].Value = write.EndedAtUtc is { } endedAt ? endedAt : DBNull.Value;
        p[i++].Value = Nullable(write.Outcome);
        p[i++].Value = write.RingMs is { } ringMs ? ringMs : DBNull.Value;
        p[i++].Value = firstEvent;
        p[i++].Value = Nullable(write.EventType);
        p[i++].Value = write.EndedAtDecision is null ? DBNull.Value : endedEvent;
        p[i++].Value = Nullable(write.EndedData);
        if (write.Lead is { } lead)
        {
            p[i++].Value = Guid.CreateVersion7();
            p[i++].Value = Nullable(lead.TenantId);
            p[i].Value = Nullable(lead.Phone);
        }

        RecordOutcome outcome;
        try
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                throw new InvalidOperationException("The call insert returned no row.");
            }

            // The answer PostgreSQL stored, filled in the same way from the same lead.
            var answer = write.Lead is null ? write.Answer.Text : write.Answer.Fill(new LeadTouch(reader.GetGuid(0), reader.GetInt32(1)));
            outcome = new RecordOutcome(answer, Replayed: false, Conflict: false);
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation && ex.ConstraintName == CallIdIndex)
        {
            // A retry or a concurrent duplicate: the failed statement changed nothing, the lead included.
            outcome = await ReplayAsync(connection, call, cancellationToken);
        }

        command.Connection = null;
        pool.Add(command);
        return outcome;
    }

    private static NpgsqlCommand NewInsert(bool withLead, int timeoutSeconds)
    {
        var command = new NpgsqlCommand(withLead ? InsertCallWithLead : InsertCall) { CommandTimeout = timeoutSeconds };
        NpgsqlDbType[] types =
        [
            NpgsqlDbType.Uuid, NpgsqlDbType.Varchar, NpgsqlDbType.Varchar, NpgsqlDbType.Varchar, NpgsqlDbType.Varchar, NpgsqlDbType.Varchar,
            NpgsqlDbType.Varchar, NpgsqlDbType.Varchar, NpgsqlDbType.Varchar, NpgsqlDbType.Varchar, NpgsqlDbType.Varchar, NpgsqlDbType.Varchar,
            NpgsqlDbType.Varchar, NpgsqlDbType.Text, NpgsqlDbType.Bigint, NpgsqlDbType.TimestampTz, NpgsqlDbType.TimestampTz, NpgsqlDbType.Text,
            NpgsqlDbType.Text, NpgsqlDbType.Varchar, NpgsqlDbType.Varchar, NpgsqlDbType.TimestampTz, NpgsqlDbType.Varchar, NpgsqlDbType.Bigint,
            NpgsqlDbType.Uuid, NpgsqlDbType.Text, NpgsqlDbType.Uuid, NpgsqlDbType.Text, NpgsqlDbType.Uuid, NpgsqlDbType.Varchar, NpgsqlDbType.Varchar,
        ];
        foreach (var type in types.AsSpan(0, withLead ? LeadParameterCount : InsertParameterCount))
        {
            command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = type });
        }

        return command;
    }

    /// <summary>A string or SQL NULL (a NOT NULL column then refuses it, as any other bad value).</summary>
    private static object Nullable(string? value) => value is null ? DBNull.Value : value;

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
