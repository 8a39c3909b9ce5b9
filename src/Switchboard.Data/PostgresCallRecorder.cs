using Npgsql;
using NpgsqlTypes;

namespace Switchboard.Data;

/// <summary>
/// The hot path on PostgreSQL: group commit, one statement per call. Data-modifying CTEs upsert the lead, insert the call
/// with its answer (the lead's values filled in by <c>format()</c> from the upsert's <c>RETURNING</c>) and its timeline
/// entries; a call id recorded before fails its statement on the unique index, and the transaction with it, so the lead's
/// increment is undone and the stored answer is replayed. The statement returns the lead's id and count, and the answer is
/// filled from them as PostgreSQL filled the stored one. Plain Npgsql on its own data source: the waiting calls' statements
/// go as one batch in one transaction, with positional parameters and automatic preparation (no SQL rewriting, no EF
/// pipeline per call).
/// </summary>
public sealed class PostgresCallRecorder : GroupCommitRecorder
{
    private const string CallIdIndex = "ix_calls_call_id";

    private const int MaxDeadlockRetries = 3;

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

    private static readonly string InsertCallWithLead = $"""
        WITH lead AS (
        {LeadUpsert("$29", "$30", "$31", "$7", "$16")}
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

    private static readonly NpgsqlDbType[] ParameterTypes =
    [
        NpgsqlDbType.Uuid, NpgsqlDbType.Varchar, NpgsqlDbType.Varchar, NpgsqlDbType.Varchar, NpgsqlDbType.Varchar, NpgsqlDbType.Varchar,
        NpgsqlDbType.Varchar, NpgsqlDbType.Varchar, NpgsqlDbType.Varchar, NpgsqlDbType.Varchar, NpgsqlDbType.Varchar, NpgsqlDbType.Varchar,
        NpgsqlDbType.Varchar, NpgsqlDbType.Text, NpgsqlDbType.Bigint, NpgsqlDbType.TimestampTz, NpgsqlDbType.TimestampTz, NpgsqlDbType.Text,
        NpgsqlDbType.Text, NpgsqlDbType.Varchar, NpgsqlDbType.Varchar, NpgsqlDbType.TimestampTz, NpgsqlDbType.Varchar, NpgsqlDbType.Bigint,
        NpgsqlDbType.Uuid, NpgsqlDbType.Text, NpgsqlDbType.Uuid, NpgsqlDbType.Text, NpgsqlDbType.Uuid, NpgsqlDbType.Varchar, NpgsqlDbType.Varchar,
    ];

    private readonly NpgsqlDataSource _dataSource;
    private readonly int _timeoutSeconds;

    /// <param name="dataSource">The hot path's own data source.</param>
    /// <param name="options">The command timeout and the number of writers.</param>
    public PostgresCallRecorder(NpgsqlDataSource dataSource, DatabaseOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Writers, 1);
        _dataSource = dataSource;
        _timeoutSeconds = options.CommandTimeoutSeconds;
        Start(options.Writers);
    }

    /// <summary>
    /// One transaction, one round trip: the statements go as one batch without an explicit transaction, so PostgreSQL runs
    /// them in the implicit transaction of the batch's single Sync and commits it there; the server's last answer (ready for
    /// query) comes after the commit, and the reader is read to that end before any caller is answered. A call that fails
    /// aborts the batch, which PostgreSQL then rolls back whole without another round trip: the call is taken out (a repeated
    /// call id to be replayed, anything else failed alone) and the rest are sent again.
    /// </summary>
    internal override async Task WriteBatchAsync(IReadOnlyList<PendingCall> batch)
    {
        await using var connection = await _dataSource.OpenConnectionAsync();
        var remaining = batch.ToList();
        remaining.Sort(LockOrder);
        var replays = new List<PendingCall>();
        var deadlocks = 0;
        while (remaining.Count > 0)
        {
            await using var commands = new NpgsqlBatch(connection) { Timeout = _timeoutSeconds };
            foreach (var pending in remaining)
            {
                commands.BatchCommands.Add(Command(pending.Write));
            }

            var reached = 0;   // the statement whose result is read next: the one that failed, when one does
            try
            {
                var leads = new LeadTouch?[remaining.Count];
                await using (var reader = await commands.ExecuteReaderAsync())
                {
                    for (var i = 0; i < remaining.Count; i++)
                    {
                        reached = i;
                        if ((i > 0 && !await reader.NextResultAsync()) || !await reader.ReadAsync())
                        {
                            throw new InvalidOperationException("A call insert returned no row.");
                        }

                        leads[i] = remaining[i].Write.Lead is null ? null : new LeadTouch(reader.GetGuid(0), reader.GetInt32(1));
                    }

                    reached = -1;   // a failure from here on (the commit) is the whole transaction's
                    if (await reader.NextResultAsync())
                    {
                        throw new InvalidOperationException("The batch returned more results than it has calls.");
                    }
                }

                for (var i = 0; i < remaining.Count; i++)
                {
                    // The answer PostgreSQL stored, filled in the same way from the same lead.
                    var answer = remaining[i].Write.Answer;
                    remaining[i].Written(new RecordOutcome(leads[i] is { } lead ? answer.Fill(lead) : answer.Text, Replayed: false, Conflict: false));
                }

                break;
            }
            catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.DeadlockDetected && ++deadlocks <= MaxDeadlockRetries)
            {
                // Another instance's transaction took the same rows in another order: PostgreSQL chose this one to undo.
            }
            catch (PostgresException ex) when (reached >= 0 && IsTheCallsOwn(ex))
            {
                // Statements run in order and each returns one row, so the failed one is the one whose row was awaited.
                var call = remaining[reached];
                remaining.RemoveAt(reached);
                if (ex.SqlState == PostgresErrorCodes.UniqueViolation && ex.ConstraintName == CallIdIndex)
                {
                    replays.Add(call);   // a retry, or a duplicate earlier in this very batch: replayed once the rest is written
                }
                else
                {
                    call.Fail(ex);
                }
            }
        }

        foreach (var replay in replays)
        {
            try
            {
                replay.Written(await ReplayAsync(connection, replay.Write.Call, CancellationToken.None));
            }
            catch (Exception ex) when (StorageFault.Is(ex) || ex is InvalidOperationException)
            {
                replay.Fail(ex);
            }
        }
    }

    /// <summary>
    /// A failure of one call's own values (a data exception, class 22, or a constraint it breaks, class 23, a repeated call id
    /// among them); anything else (a timeout, a lost connection, the server) fails the whole transaction.
    /// </summary>
    private static bool IsTheCallsOwn(PostgresException exception) =>
        exception.SqlState.StartsWith("22", StringComparison.Ordinal) || exception.SqlState.StartsWith("23", StringComparison.Ordinal);

    /// <summary>
    /// Leads, then call ids, in one order for every transaction, so two of them (this instance's writers, or another
    /// instance's) lock the same rows in the same order and never wait for each other in a circle.
    /// </summary>
    private static int LockOrder(PendingCall a, PendingCall b)
    {
        var byTenant = string.CompareOrdinal(a.Write.Lead?.TenantId, b.Write.Lead?.TenantId);
        if (byTenant != 0)
        {
            return byTenant;
        }

        var byPhone = string.CompareOrdinal(a.Write.Lead?.Phone, b.Write.Lead?.Phone);
        return byPhone != 0 ? byPhone : string.CompareOrdinal(a.Write.Call.CallId, b.Write.Call.CallId);
    }

    private static NpgsqlBatchCommand Command(CallWrite write)
    {
        var command = new NpgsqlBatchCommand(write.Lead is null ? InsertCall : InsertCallWithLead);
        var call = write.Call;
        var (firstEvent, endedEvent) = CallWrite.NewEventIds();
        object?[] values =
        [
            Guid.CreateVersion7(), call.CallId, call.Action, call.Reason, call.AgentName, call.TenantId, call.CampaignId, call.FromRaw, call.FromNumber,
            call.ToRaw, call.ToNumber, call.TrunkId, call.RoomName, call.AttributesJson, call.ConfigVersion, call.ReceivedAtUtc, call.DecidedAtUtc,
            call.TraceJson, write.Lead is null ? write.Answer.Text : write.Answer.PostgresFormat(), call.Source, write.Stage, write.EndedAtUtc,
            write.Outcome, write.RingMs, firstEvent, write.EventType, write.EndedAtDecision is null ? null : endedEvent, write.EndedData,
            .. write.Lead is { } lead ? new object?[] { Guid.CreateVersion7(), lead.TenantId, lead.Phone } : [],
        ];
        for (var i = 0; i < values.Length; i++)
        {
            Add(command.Parameters, ParameterTypes[i], values[i]);
        }

        return command;
    }

    private async Task<RecordOutcome> ReplayAsync(NpgsqlConnection connection, CallRecord call, CancellationToken cancellationToken)
    {
        Guid rowId;
        string answer;
        bool conflict;
        await using (var select = new NpgsqlCommand(SelectStored, connection))
        {
            select.CommandTimeout = _timeoutSeconds;
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
            insert.CommandTimeout = _timeoutSeconds;
            Add(insert.Parameters, NpgsqlDbType.Uuid, TimelineIds.Next());
            Add(insert.Parameters, NpgsqlDbType.Uuid, rowId);
            Add(insert.Parameters, NpgsqlDbType.TimestampTz, call.ReceivedAtUtc);
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        return new RecordOutcome(answer, Replayed: true, Conflict: conflict);
    }

    private static void Add(NpgsqlParameterCollection parameters, NpgsqlDbType type, object? value) =>
        parameters.Add(new NpgsqlParameter { NpgsqlDbType = type, Value = value ?? DBNull.Value });
}
