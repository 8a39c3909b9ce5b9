using System.Collections.Immutable;
using Microsoft.AspNetCore.Http.HttpResults;
using Switchboard.LiveKit.Events;
using Switchboard.Web.Hosting;

namespace Switchboard.Web.LiveKitEvents;

public static partial class LiveKitEventEndpoints
{
    public const string Path = "/api/v1/webhooks/livekit/events";

    /// <summary>The largest event body accepted; LiveKit's events are a few KiB.</summary>
    public const int MaxBodyBytes = 1024 * 1024;

    /// <summary>LiveKit's media type for its webhooks, and plain JSON; a 415 names the first.</summary>
    private static readonly ImmutableArray<string> MediaTypes = ["application/webhook+json", "application/json"];

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
        var intake = await BodyIntake.ReadAsync(request, MediaTypes, MaxBodyBytes, signature, body => Parse(body, metrics, loggers), cancellationToken);
        if (intake.Value is not { } webhookEvent)
        {
            return intake.Problem!;    // the event parser names no fields, so every refusal is a problem
        }

        var outcome = await lifecycle.HandleAsync(webhookEvent, cancellationToken);
        metrics.LiveKitEvent(webhookEvent.Event, outcome.ToString().ToLowerInvariant());
        return outcome == EventOutcome.Unavailable
            ? Problems.Unavailable("No routing configuration could be loaded: the database has been unreachable since start-up.")
            : TypedResults.NoContent();
    }

    /// <summary>The event, or a 400 logged as an error: LiveKit drops an event answered 4xx, so the log is all that is left of it.</summary>
    private static BodyIntake<WebhookEvent> Parse(ReadOnlyMemory<byte> body, SwitchboardMetrics metrics, ILoggerFactory loggers)
    {
        var parsed = WebhookEventParser.Parse(body.Span);
        if (parsed.Event is { } webhookEvent)
        {
            return webhookEvent;
        }

        var error = parsed.Error!;
        Log.Unreadable(loggers.CreateLogger(typeof(LiveKitEventEndpoints)), error);
        metrics.LiveKitEvent("unparsed", "malformed");
        return Problems.Malformed($"The event could not be read: {error}");
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Error, "A signed LiveKit event could not be read, and LiveKit will not send it again: {Error}")]
        public static partial void Unreadable(ILogger logger, string error);
    }
}
