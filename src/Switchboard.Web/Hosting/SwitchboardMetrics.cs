using System.Diagnostics.Metrics;
using Switchboard.Core.Routing;

namespace Switchboard.Web.Hosting;

/// <summary>The service's metrics, one method per fact. Exported on <c>/metrics</c> in Prometheus format.</summary>
public sealed class SwitchboardMetrics
{
    public const string MeterName = "Switchboard";

    private readonly Counter<long> _decisions;
    private readonly Histogram<double> _duration;
    private readonly Counter<long> _replays;
    private readonly Counter<long> _signatureFailures;
    private readonly Counter<long> _liveKitEvents;
    private readonly Counter<long> _dynamicDispatchRefusals;

    public SwitchboardMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(MeterName);
        _decisions = meter.CreateCounter<long>("switchboard.routing.decisions", "{decision}", "Routing decisions by outcome and reason.");
        _duration = meter.CreateHistogram<double>("switchboard.routing.duration", "s", "Time from request to answer of the routing webhook.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5] });
        _replays = meter.CreateCounter<long>("switchboard.routing.replays", "{request}", "Repeated call ids answered from the stored answer.");
        _signatureFailures = meter.CreateCounter<long>("switchboard.webhook.signature_failures", "{request}", "Webhook requests refused for their signature.");
        _liveKitEvents = meter.CreateCounter<long>("switchboard.livekit.events", "{event}", "LiveKit webhook events received, by event name and outcome.");
        _dynamicDispatchRefusals = meter.CreateCounter<long>("switchboard.dynamic_dispatch.refusals", "{request}", "Dynamic-dispatch requests refused, by reason.");
    }

    public void Routed(RoutingDecision decision, bool degraded, TimeSpan elapsed)
    {
        ArgumentNullException.ThrowIfNull(decision);
        var outcome = new KeyValuePair<string, object?>("outcome", decision is RoutingDecision.Accept ? "accept" : "reject");
        var reason = new KeyValuePair<string, object?>("reason", decision.Reason.Code());
        var mode = new KeyValuePair<string, object?>("degraded", degraded ? "true" : "false");
        _decisions.Add(1, outcome, reason, mode);
        _duration.Record(elapsed.TotalSeconds, outcome);
    }

    public void Replayed(bool conflict) => _replays.Add(1, new KeyValuePair<string, object?>("conflict", conflict ? "true" : "false"));

    /// <summary>One LiveKit event: <paramref name="outcome"/> is <c>applied</c>, <c>duplicate</c>, <c>ignored</c>, <c>unavailable</c> or <c>malformed</c>.</summary>
    public void LiveKitEvent(string eventName, string outcome) =>
        _liveKitEvents.Add(1, new KeyValuePair<string, object?>("event", eventName), new KeyValuePair<string, object?>("outcome", outcome));

    /// <summary>
    /// One dynamic-dispatch request refused: <paramref name="reason"/> is <c>unknown_token</c>, or the code of the problem it was
    /// answered with (<c>source_not_allowed</c>, <c>unsupported_media_type</c>, <c>body_too_large</c>, <c>body_timeout</c>,
    /// <c>malformed_request</c>, <c>invalid_request</c>).
    /// </summary>
    public void DynamicDispatchRefused(string reason) => _dynamicDispatchRefusals.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public void SignatureRefused(string failure) => _signatureFailures.Add(1, new KeyValuePair<string, object?>("failure", failure));
}
