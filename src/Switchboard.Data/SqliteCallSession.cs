using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Switchboard.Data;

/// <summary>
/// <see cref="SqliteCallRecorder"/>'s connection and its prepared statements. Values are bound the way EF Core's SQLite
/// provider stores them (uppercase GUID text, <c>yyyy-MM-dd HH:mm:ss.FFFFFFF</c> instants), so EF reads these rows like its own.
/// </summary>
internal sealed class SqliteCallSession : IDisposable
{
    private const string DateFormat = "yyyy-MM-dd HH:mm:ss.FFFFFFF";

    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _begin;
    private readonly SqliteCommand _commit;
    private readonly SqliteCommand _rollback;
    private readonly SqliteCommand _savepoint;
    private readonly SqliteCommand _release;
    private readonly SqliteCommand _rollbackToSavepoint;
    private readonly SqliteCommand _upsertLead;
    private readonly SqliteCommand _insertCall;
    private readonly SqliteCommand _insertEvent;
    private readonly SqliteCommand _selectStored;

    private SqliteCallSession(SqliteConnection connection, int timeoutSeconds)
    {
        _connection = connection;
        _begin = Prepare("BEGIN IMMEDIATE");
        _commit = Prepare("COMMIT");
        _rollback = Prepare("ROLLBACK");
        _savepoint = Prepare("SAVEPOINT call");
        _release = Prepare("RELEASE call");
        _rollbackToSavepoint = Prepare("ROLLBACK TO call");
        _upsertLead = Prepare(CallRecorder.LeadUpsert("$id", "$tenant_id", "$phone", "$campaign_id", "$at"), "$id", "$tenant_id", "$phone", "$campaign_id", "$at");
        _insertCall = Prepare("""
            INSERT INTO calls (id, call_id, action, reason, agent_name, tenant_id, campaign_id, lead_id, from_raw, from_number, to_raw, to_number,
                               trunk_id, room_name, attributes_json, config_version, received_at_utc, decided_at_utc, trace_json, response_json, source,
                               stage, ended_at_utc, outcome, ring_ms)
            VALUES ($id, $call_id, $action, $reason, $agent_name, $tenant_id, $campaign_id, $lead_id, $from_raw, $from_number, $to_raw, $to_number,
                    $trunk_id, $room_name, $attributes_json, $config_version, $received_at_utc, $decided_at_utc, $trace_json, $response_json, $source,
                    $stage, $ended_at_utc, $outcome, $ring_ms)
            ON CONFLICT (call_id) DO NOTHING
            """, "$id", "$call_id", "$action", "$reason", "$agent_name", "$tenant_id", "$campaign_id", "$lead_id", "$from_raw", "$from_number",
            "$to_raw", "$to_number", "$trunk_id", "$room_name", "$attributes_json", "$config_version", "$received_at_utc", "$decided_at_utc",
            "$trace_json", "$response_json", "$source", "$stage", "$ended_at_utc", "$outcome", "$ring_ms");
        _insertEvent = Prepare("""
            INSERT INTO call_events (id, call_row_id, type, occurred_at_utc, data_json) VALUES ($id, $call_row_id, $type, $at, $data)
            """, "$id", "$call_row_id", "$type", "$at", "$data");
        _selectStored = Prepare("SELECT id, response_json, from_raw, to_raw FROM calls WHERE call_id = $call_id", "$call_id");

        SqliteCommand Prepare(string sql, params string[] parameters)
        {
            var command = connection.CreateCommand();
            command.CommandText = sql;
            command.CommandTimeout = timeoutSeconds;
            foreach (var name in parameters)
            {
                command.Parameters.Add(new SqliteParameter { ParameterName = name });
            }

            command.Prepare();
            return command;
        }
    }

    public static SqliteCallSession Open(string connectionString, int timeoutSeconds)
    {
        // Its own native connection, closed (not pooled) with the session, so a failed batch's transaction cannot outlive it.
        var builder = new SqliteConnectionStringBuilder(connectionString) { Pooling = false };
        var connection = new SqliteConnection(builder.ToString()) { DefaultTimeout = timeoutSeconds };
        try
        {
            connection.Open();
            SqlitePragmas.Apply(connection);
            return new SqliteCallSession(connection, timeoutSeconds);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Writes the batch in one transaction; a call that fails is undone alone (its savepoint) and fails alone.</summary>
    public void Write(IReadOnlyList<PendingCall> batch)
    {
        _begin.ExecuteNonQuery();
        try
        {
            foreach (var pending in batch)
            {
                _savepoint.ExecuteNonQuery();
                try
                {
                    pending.Written(Write(pending.Write));
                }
                catch (Exception ex) when (ex is SqliteException or InvalidOperationException)
                {
                    _rollbackToSavepoint.ExecuteNonQuery();   // throws if the failure took the transaction with it: the batch fails
                    pending.Fail(ex);
                }

                _release.ExecuteNonQuery();
            }

            _commit.ExecuteNonQuery();
        }
        catch
        {
            TryRollback();
            throw;
        }
    }

    /// <summary>Rolls the batch back, if the failure left a transaction to roll back (SQLite ends some itself).</summary>
    private void TryRollback()
    {
        try
        {
            _rollback.ExecuteNonQuery();
        }
        catch (SqliteException)
        {
            // No transaction is active: the failure rolled it back already.
        }
    }

    private RecordOutcome Write(CallWrite write)
    {
        var call = write.Call;
        LeadTouch? lead = null;
        if (write.Lead is { } key)
        {
            Set(_upsertLead, 0, Id(Guid.CreateVersion7()));
            Set(_upsertLead, 1, key.TenantId);
            Set(_upsertLead, 2, key.Phone);
            Set(_upsertLead, 3, call.CampaignId);
            Set(_upsertLead, 4, Date(call.ReceivedAtUtc));
            using var reader = _upsertLead.ExecuteReader();
            reader.Read();
            lead = new LeadTouch(Guid.Parse(reader.GetString(0)), reader.GetInt32(1));
        }

        var answer = lead is null ? write.Answer.Text : write.Answer.Fill(lead);
        var rowId = Guid.CreateVersion7();
        object?[] values =
        [
            Id(rowId), call.CallId, call.Action, call.Reason, call.AgentName, call.TenantId, call.CampaignId, lead is null ? null : Id(lead.Id),
            call.FromRaw, call.FromNumber, call.ToRaw, call.ToNumber, call.TrunkId, call.RoomName, call.AttributesJson, call.ConfigVersion,
            Date(call.ReceivedAtUtc), Date(call.DecidedAtUtc), call.TraceJson, answer, call.Source, write.Stage,
            write.EndedAtUtc is { } ended ? Date(ended) : null, write.Outcome, write.RingMs,
        ];
        for (var i = 0; i < values.Length; i++)
        {
            Set(_insertCall, i, values[i]);
        }

        if (_insertCall.ExecuteNonQuery() == 0)
        {
            // A retry or a duplicate (maybe earlier in this very batch): undo the lead's increment, replay the stored answer.
            _rollbackToSavepoint.ExecuteNonQuery();
            return Replay(call);
        }

        var (firstEvent, endedEvent) = CallWrite.NewEventIds();
        InsertEvent(firstEvent, rowId, write.EventType, call.DecidedAtUtc, data: null);
        if (write.EndedAtDecision is not null)
        {
            InsertEvent(endedEvent, rowId, "ended", call.DecidedAtUtc, write.EndedData);
        }

        return new RecordOutcome(answer, Replayed: false, Conflict: false);
    }

    private RecordOutcome Replay(CallRecord call)
    {
        Set(_selectStored, 0, call.CallId);
        string rowId;
        string answer;
        bool conflict;
        using (var reader = _selectStored.ExecuteReader())
        {
            if (!reader.Read())
            {
                throw new InvalidOperationException($"Call '{call.CallId}' conflicted on its id but is not stored.");
            }

            rowId = reader.GetString(0);
            answer = reader.GetString(1);
            conflict = CallRecorder.IsConflict(call, reader.GetString(2), reader.GetString(3));
        }

        if (conflict)
        {
            InsertEvent(TimelineIds.Next(), Guid.Parse(rowId), CallRecorder.DuplicateConflictEvent, call.ReceivedAtUtc, data: null);
        }

        return new RecordOutcome(answer, Replayed: true, Conflict: conflict);
    }

    private void InsertEvent(Guid id, Guid callRowId, string type, DateTime atUtc, string? data)
    {
        Set(_insertEvent, 0, Id(id));
        Set(_insertEvent, 1, Id(callRowId));
        Set(_insertEvent, 2, type);
        Set(_insertEvent, 3, Date(atUtc));
        Set(_insertEvent, 4, data);
        _insertEvent.ExecuteNonQuery();
    }

    public void Dispose()
    {
        foreach (var command in new[] { _begin, _commit, _rollback, _savepoint, _release, _rollbackToSavepoint, _upsertLead, _insertCall, _insertEvent, _selectStored })
        {
            command.Dispose();
        }

        _connection.Dispose();
    }

    private static void Set(SqliteCommand command, int index, object? value) => command.Parameters[index].Value = value ?? DBNull.Value;

    private static string Id(Guid id) => id.ToString("D").ToUpperInvariant();

    private static string Date(DateTime utc) => utc.ToString(DateFormat, CultureInfo.InvariantCulture);
}
