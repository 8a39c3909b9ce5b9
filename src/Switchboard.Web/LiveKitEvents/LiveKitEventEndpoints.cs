using Microsoft.AspNetCore.Http.HttpResults;
using Switchboard.LiveKit.Events;
using Switchboard.Web.Hosting;

namespace Switchboard.Web.LiveKitEvents;

public static partial class LiveKitEventEndpoints
{
    public const string Path = "/api/v1/webhooks/livekit/events";

    /// <summary>The largest event body accepted; LiveKit's events are a few KiB.</summary>
    public const int MaxBodyBytes = 1024 * 1024;

    /// <summary>
    /// POST /api/v1/webhooks/livekit/events: LiveKit's own webhooks (room, participant and track events), signed with a
    /// LiveKit API key. 2xx once handled or deliberately ignored; 5xx only for faults worth a retry (LiveKit drops an
    /// event answered 4xx, so a signed event we cannot read is answered 400 and logged as an error).
    /// </summary>
    public static IEndpointRouteBuilder MapLiveKitEvents(this IEndpointRouteBuilder app)
    {
        app.MapPost(Path, ReceiveAsync)
            .WithTags("LiveKit")
            .WithSummary("Receive LiveKit's webhook events (call lifecycle)")
            .AllowAnonymous();
        return app;
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> ReceiveAsync(
        HttpRequest request, WebhookSignature signature, CallLifecycle lifecycle, SwitchboardMetrics metrics, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        if (!RequestBody.HasMediaType(request, "application/webhook+json") && !RequestBody.HasMediaType(request, "application/json"))
        {
            return Problems.UnsupportedMediaType("application/webhook+json");
        }

        var (body, problem) = await RequestBody.ReadAsync(request, MaxBodyBytes, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        if (signature.Refusal(request, body.Span) is { } refusal)
        {
            return Problems.BadSignature(refusal);
        }

        var parsed = WebhookEventParser.Parse(body.Span);
        if (parsed.Event is not { } webhookEvent)
        {
            Log.Unreadable(loggers.CreateLogger(typeof(LiveKitEventEndpoints)), parsed.Error!);
            metrics.LiveKitEvent("unparsed", "malformed");
            return Problems.Malformed($"The event could not be read: {parsed.Error}");
        }

        var outcome = await lifecycle.HandleAsync(webhookEvent, cancellationToken);
        metrics.LiveKitEvent(webhookEvent.Event, outcome.ToString().ToLowerInvariant());
        return outcome == EventOutcome.Unavailable
            ? Problems.Unavailable("No routing configuration could be loaded: the database has been unreachable since start-up.")
            : TypedResults.NoContent();
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Error, "A signed LiveKit event could not be read, and LiveKit will not send it again: {Error}")]
        public static partial void Unreadable(ILogger logger, string error);
    }
}
