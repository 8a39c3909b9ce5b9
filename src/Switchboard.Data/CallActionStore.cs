using Microsoft.EntityFrameworkCore;
using Switchboard.Data.Entities;

namespace Switchboard.Data;

/// <summary>
/// The durable queue of <see cref="CallAction"/>s. Enqueueing is insert-or-nothing on (call, kind), so a retried event
/// never queues an action twice; a worker leases due actions (PostgreSQL skips rows another instance holds), so an action
/// runs on one worker at a time, and a lease that runs out (a crashed worker) lets another pick it up.
/// </summary>
public sealed class CallActionStore(SwitchboardDb db, WriteGate gate)
{
    public const string Pending = "pending";
    public const string Done = "done";
    public const string Failed = "failed";
    public const string Cancelled = "cancelled";

    /// <summary>Queues the action unless the call already has one of this kind; true when queued now.</summary>
    public async Task<bool> EnqueueAsync(string callId, string kind, string dataJson, DateTime dueAtUtc, DateTime nowUtc, CancellationToken cancellationToken)
    {
        using var entry = await gate.EnterAsync(cancellationToken);
        var inserted = await db.Database.ExecuteSqlAsync($"""
            INSERT INTO call_actions (id, call_id, kind, state, due_at_utc, attempts, data_json, created_at_utc)
            VALUES ({Guid.CreateVersion7()}, {callId}, {kind}, {Pending}, {dueAtUtc}, 0, {dataJson}, {nowUtc})
            ON CONFLICT (call_id, kind) DO NOTHING
            """, cancellationToken);
        return inserted > 0;
    }

    /// <summary>Leases up to <paramref name="max"/> due actions to <paramref name="owner"/> until <paramref name="leaseUntilUtc"/>, counting an attempt on each.</summary>
    public async Task<IReadOnlyList<CallAction>> LeaseAsync(string owner, DateTime nowUtc, DateTime leaseUntilUtc, int max, CancellationToken cancellationToken)
    {
        using var entry = await gate.EnterAsync(cancellationToken);
        var skipLocked = db.Database.IsNpgsql() ? "FOR UPDATE SKIP LOCKED" : "";
#pragma warning disable EF1002 // The only interpolated text is the fixed locking clause; every value is a parameter.
        return await db.CallActions.FromSqlRaw($$"""
            UPDATE call_actions SET lease_owner = {0}, lease_until_utc = {1}, attempts = attempts + 1
            WHERE id IN (SELECT id FROM call_actions
                         WHERE state = 'pending' AND due_at_utc <= {2} AND (lease_until_utc IS NULL OR lease_until_utc < {2})
                         ORDER BY due_at_utc LIMIT {3} {{skipLocked}})
            RETURNING *
            """, owner, leaseUntilUtc, nowUtc, max).AsNoTracking().ToListAsync(cancellationToken);
#pragma warning restore EF1002
    }

    /// <summary>Marks a leased action done with what it produced.</summary>
    public Task<int> CompleteAsync(CallAction action, string? resultJson, DateTime nowUtc, CancellationToken cancellationToken) =>
        Finish(action, Done, resultJson, error: null, nowUtc, cancellationToken);

    /// <summary>Gives up on a leased action.</summary>
    public Task<int> FailAsync(CallAction action, string error, DateTime nowUtc, CancellationToken cancellationToken) =>
        Finish(action, Failed, resultJson: null, error, nowUtc, cancellationToken);

    /// <summary>Releases a leased action to run again at <paramref name="dueAtUtc"/>.</summary>
    public async Task<int> RetryAsync(CallAction action, string error, DateTime dueAtUtc, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(action);
        using var entry = await gate.EnterAsync(cancellationToken);
        return await db.CallActions
            .Where(a => a.Id == action.Id && a.LeaseOwner == action.LeaseOwner && a.State == Pending)
            .ExecuteUpdateAsync(set => set
                .SetProperty(a => a.DueAtUtc, dueAtUtc)
                .SetProperty(a => a.LastError, error)
                .SetProperty(a => a.LeaseOwner, (string?)null)
                .SetProperty(a => a.LeaseUntilUtc, (DateTime?)null), cancellationToken);
    }

    private async Task<int> Finish(CallAction action, string state, string? resultJson, string? error, DateTime nowUtc, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(action);
        using var entry = await gate.EnterAsync(cancellationToken);
        return await db.CallActions
            .Where(a => a.Id == action.Id && a.LeaseOwner == action.LeaseOwner && a.State == Pending)
            .ExecuteUpdateAsync(set => set
                .SetProperty(a => a.State, state)
                .SetProperty(a => a.ResultJson, resultJson)
                .SetProperty(a => a.LastError, error)
                .SetProperty(a => a.CompletedAtUtc, nowUtc)
                .SetProperty(a => a.LeaseOwner, (string?)null)
                .SetProperty(a => a.LeaseUntilUtc, (DateTime?)null), cancellationToken);
    }
}
