namespace Switchboard.Data;

/// <summary>
/// The hot path's writes: the lead upsert, the call row and its first timeline entries, all or nothing. Idempotency comes
/// from the unique call id, lead uniqueness from the unique (tenant, phone) index (insert-or-update), so retries and
/// concurrent calls neither duplicate nor lose counts. A call id recorded before gets its stored answer back and writes
/// nothing (a <c>duplicate_conflict</c> entry when the numbers differ). One implementation per provider, both group commit
/// in plain ADO.NET (decision 0010).
/// </summary>
public abstract class CallRecorder
{
    public const string LeadSourceInboundCall = "inbound_call";

    /// <summary>The timeline entry of a repeated call id whose numbers differ from those first recorded.</summary>
    public const string DuplicateConflictEvent = "duplicate_conflict";

    /// <summary>Records the call, or replays the answer stored for its call id; the answer is returned once it is durable.</summary>
    public abstract Task<RecordOutcome> RecordAsync(CallWrite write, CancellationToken cancellationToken);

    /// <summary>Whether a repeat has other numbers than the request first recorded.</summary>
    protected static bool IsConflict(CallRecord call, string storedFromRaw, string storedToRaw)
    {
        ArgumentNullException.ThrowIfNull(call);
        return storedFromRaw != call.FromRaw || storedToRaw != call.ToRaw;
    }
}
