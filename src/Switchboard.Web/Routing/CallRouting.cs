using System.Text.Json;
using Switchboard.Core;
using Switchboard.Core.Lifecycle;
using Switchboard.Core.Routing;
using Switchboard.Data;
using Switchboard.Web.Hosting;
using Switchboard.Web.LiveKitEvents;

namespace Switchboard.Web.Routing;

/// <summary>
/// The routing webhook's work, between the HTTP edge and storage: decide from the in-memory table, record
/// the lead and the call in one transaction, answer. When storage fails, answer from memory alone
/// (marked <c>degraded</c>, no lead); when there is no table at all, there is no answer (503). A call a
/// webhook rejects is recorded as ended there and then, and raises <see cref="CallEndedSignal"/>: LiveKit
/// refuses it before any room exists, so no event will ever end it.
/// </summary>
public sealed partial class CallRouting(
    RoutingTables tables, CallRecorder recorder, CallEndedSignal signal, TimeProvider clock, SwitchboardMetrics metrics, ILogger<CallRouting> logger)
{
    /// <summary>The answer's JSON, or null when no routing table has ever been loaded.</summary>
    public async Task<string?> RouteAsync(RouteRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return (await RouteAsync(request, CallSources.Webhook, receivedAt: null, degradeOnStorageFault: true, cancellationToken))?.Answer;
    }

    /// <summary>
    /// Routes a call for LiveKit's proposed dynamic-dispatch webhook, exactly as the seed webhook does (same decision, record,
    /// replay by call id, degraded answer on a storage fault), with the From-URI host (<see cref="RouteRequest.FromHost"/>) for
    /// matching LiveKit's trunks. The answer is the seed answer, stored and replayed as such: <see cref="DynamicDispatchAnswer"/>
    /// derives LiveKit's contract from it, and the join actions read it like any other call's. Null when no routing table has
    /// ever been loaded.
    /// </summary>
    public Task<RoutedCall?> RouteDynamicAsync(RouteRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return RouteAsync(request, CallSources.Webhook, receivedAt: null, degradeOnStorageFault: true, cancellationToken);
    }

    /// <summary>
    /// Routes and records a call first seen in LiveKit's events (routed by LiveKit's rules, or waiting for Switchboard
    /// to act on the caller's join). Idempotent by call id like the webhook; a storage fault is thrown, not degraded,
    /// so the event is answered 5xx and LiveKit delivers it again. Null when no routing table has ever been loaded.
    /// </summary>
    public Task<RoutedCall?> RouteFromEventAsync(RouteRequest request, DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return RouteAsync(request, CallSources.Events, receivedAt, degradeOnStorageFault: false, cancellationToken);
    }

    private async Task<RoutedCall?> RouteAsync(RouteRequest request, string source, DateTimeOffset? receivedAt, bool degradeOnStorageFault,
        CancellationToken cancellationToken)
    {
        var started = clock.GetTimestamp();
        if (tables.Current is not { } table)
        {
            Log.NoTable(logger, request.CallId);
            return null;
        }

        var received = receivedAt ?? clock.GetUtcNow();
        var call = ToInboundCall(request, table);
        var decision = Router.Decide(call, table, received);
        using var scope = logger.BeginScope(new Dictionary<string, object?> { ["LiveKitCallId"] = call.CallId, ["TenantId"] = decision.Tenant?.Id });

        // A webhook's reject is final: LiveKit refuses the call before any room exists, so no event will ever end it. A call first
        // seen in an event is in a room already, and its events end it (the caller hung up by Switchboard, or leaving).
        var endedAtDecision = decision is RoutingDecision.Reject && source == CallSources.Webhook;
        var record = ToRecord(request, call, decision, table.Version, received.UtcDateTime, clock.GetUtcNow().UtcDateTime, source);
        string answer;
        var degraded = false;
        try
        {
            var lead = LeadOf(call, decision);
            var outcome = await recorder.RecordAsync(
                new CallWrite(
                    record,
                    lead,
                    decision is RoutingDecision.Accept ? "routed" : "rejected",
                    endedAtDecision ? CallOutcome.Rejected : null,
                    RouteAnswer.Template(call.CallId, decision, withLead: lead is not null, table.Version, degraded: false)),
                cancellationToken);
            answer = outcome.ResponseJson;
            if (outcome.Replayed)
            {
                metrics.Replayed(outcome.Conflict);
                if (outcome.Conflict)
                {
                    Log.Conflict(logger, call.CallId);
                }

                return new RoutedCall(answer, decision, Replayed: true);
            }
        }
        catch (Exception ex) when (degradeOnStorageFault && StorageFault.Is(ex) && !cancellationToken.IsCancellationRequested)
        {
            Log.Degraded(logger, call.CallId, ex);
            degraded = true;
            answer = RouteAnswer.Render(call.CallId, decision, lead: null, table.Version, degraded: true);
        }

        metrics.Routed(decision, degraded, clock.GetElapsedTime(started));
        Log.Decided(logger, call.CallId, decision is RoutingDecision.Accept ? "accept" : "reject", decision.Reason.Code(), call.Caller.Redacted, call.Called?.Redacted ?? "not a number");
        if (endedAtDecision && !degraded)
        {
            // Raised once: only by the request that recorded the call (a replay returned above), and never by a later event.
            await signal.RaiseAsync([EndedAtDecision(record, decision)], cancellationToken);
        }

        return new RoutedCall(answer, decision, Replayed: false);
    }

    public static InboundCall ToInboundCall(RouteRequest request, RoutingTable table)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(table);
        var called = PhoneNumber.TryParse(request.ToNumber, table.DefaultRegion, out var number) ? number : null;
        return new InboundCall(request.CallId, CallerId.Parse(request.FromNumber, table.DefaultRegion), called, request.ToNumber) { FromHost = request.FromHost };
    }

    /// <summary>The end of a call recorded as ended when it was decided: at the decision, never answered.</summary>
    private static CallEnded EndedAtDecision(CallRecord record, RoutingDecision decision) => new(
        record.CallId,
        decision.Tenant?.Id,
        decision.Campaign?.Id,
        AgentName: null,
        CallOutcome.Rejected,
        new DateTimeOffset(record.DecidedAtUtc),
        record.DecidedAtUtc - record.ReceivedAtUtc,
        TalkTime: null);

    /// <summary>A lead is kept for a caller with a number who reached a tenant, unless the caller was blocked.</summary>
    private static LeadKey? LeadOf(InboundCall call, RoutingDecision decision) =>
        call.Caller.IsAnonymous || decision.Reason == RoutingReason.CallerBlocked || decision.Tenant is not { } tenant || call.Caller.Number is not { } number
            ? null
            : new LeadKey(tenant.Id, number.Value);

    private static CallRecord ToRecord(RouteRequest request, InboundCall call, RoutingDecision decision, long version, DateTime receivedUtc, DateTime decidedUtc, string source) => new(
        call.CallId,
        decision is RoutingDecision.Accept ? "accept" : "reject",
        decision.Reason.Code(),
        (decision as RoutingDecision.Accept)?.AgentName,
        decision.Tenant?.Id,
        decision.Campaign?.Id,
        request.FromNumber,
        call.Caller.Number?.Value,
        request.ToNumber,
        call.Called?.Value,
        request.TrunkId,
        request.RoomName,
        request.Attributes is null ? null : JsonSerializer.Serialize(request.Attributes, RoutingJson.Default.IReadOnlyDictionaryStringString),
        version,
        receivedUtc,
        decidedUtc,
        JsonSerializer.Serialize(decision.Trace, RoutingJson.Default.IReadOnlyListTraceStep),
        source);

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Debug, "Call {CallId}: {Action} ({Reason}) from {Caller} to {Called}")]
        public static partial void Decided(ILogger logger, string callId, string action, string reason, string caller, string called);

        [LoggerMessage(2, LogLevel.Warning, "Call {CallId}: storage failed; answered from memory alone (degraded, no lead)")]
        public static partial void Degraded(ILogger logger, string callId, Exception exception);

        [LoggerMessage(3, LogLevel.Warning, "Call {CallId}: repeated with other numbers than first recorded; answered with the stored decision")]
        public static partial void Conflict(ILogger logger, string callId);

        [LoggerMessage(4, LogLevel.Error, "Call {CallId}: no routing table loaded (database unreachable since start-up); answered 503")]
        public static partial void NoTable(ILogger logger, string callId);
    }
}
