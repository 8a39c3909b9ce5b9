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

    /// <summary>
    /// The lead upsert, the same on both databases: created on the first call (source <see cref="LeadSourceInboundCall"/>,
    /// first campaign), counted and brought up to date on every later one; returns the lead's id and call count. The
    /// arguments are the provider's parameter placeholders.
    /// </summary>
    internal static string LeadUpsert(string id, string tenantId, string phone, string campaignId, string at) => $"""
        INSERT INTO leads (id, tenant_id, phone, source, first_campaign_id, last_campaign_id, call_count,
                           first_call_at_utc, last_call_at_utc, created_at_utc, updated_at_utc)
        VALUES ({id}, {tenantId}, {phone}, '{LeadSourceInboundCall}', {campaignId}, {campaignId}, 1, {at}, {at}, {at}, {at})
        ON CONFLICT (tenant_id, phone) DO UPDATE SET
            call_count = leads.call_count + 1,
            first_campaign_id = COALESCE(leads.first_campaign_id, excluded.first_campaign_id),
            last_campaign_id = COALESCE(excluded.last_campaign_id, leads.last_campaign_id),
            last_call_at_utc = excluded.last_call_at_utc,
            updated_at_utc = excluded.updated_at_utc
        RETURNING id, call_count
        """;

    /// <summary>Whether a repeat has other numbers than the request first recorded.</summary>
    internal static bool IsConflict(CallRecord call, string storedFromRaw, string storedToRaw)
    {
        ArgumentNullException.ThrowIfNull(call);
        return storedFromRaw != call.FromRaw || storedToRaw != call.ToRaw;
    }
}
