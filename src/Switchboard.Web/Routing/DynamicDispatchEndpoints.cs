using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Switchboard.Web.Hosting;

namespace Switchboard.Web.Routing;

/// <summary>
/// POST /api/v1/webhooks/livekit/dynamic-dispatch/{token}: LiveKit's proposed dynamic dispatch rule (livekit.md §5, experimental:
/// not in any LiveKit release). The one webhook that is not signed, because the proposal signs nothing: a secret token in the URL
/// and an optional source allowlist guard it instead. Routed, recorded and replayed like the seed webhook; answered in the
/// proposal's shape. See docs/routing-webhook.md.
/// </summary>
public static partial class DynamicDispatchEndpoints
{
    public const string PathPrefix = "/api/v1/webhooks/livekit/dynamic-dispatch";
    public const string Pattern = PathPrefix + "/{token}";

    /// <summary>The access check, its start-up validation, and — when a token is configured — the path redaction that keeps it out of logs.</summary>
    public static IServiceCollection AddDynamicDispatch(this IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SwitchboardOptions>, DynamicDispatchOptionsValidation>());
        services.AddSingleton<DynamicDispatchAccess>();
        // Resolved when the server starts, after every configuration source is in.
        services.AddSingleton<IHttpContextFactory>(sp => sp.GetRequiredService<IOptions<SwitchboardOptions>>().Value.DynamicDispatch.Tokens.Count > 0
            ? new DynamicDispatchPathRedaction(sp)
            : new DefaultHttpContextFactory(sp));
        return services;
    }

    /// <summary>Maps the endpoint; in static mode, with a token configured, says once that static rules do not use it.</summary>
    public static IEndpointRouteBuilder MapDynamicDispatch(this IEndpointRouteBuilder app)
    {
        app.MapPost(Pattern, DispatchAsync)
            .WithTags("Routing")
            .WithSummary("LiveKit's proposed dynamic dispatch (experimental): decide who answers an inbound call")
            .AllowAnonymous();

        // Without a token there is no endpoint to warn about (it answers 404 to everyone).
        var services = app.ServiceProvider;
        if (services.GetRequiredService<IOptions<LiveKitOptions>>().Value.Mode == LiveKitMode.Static && services.GetRequiredService<DynamicDispatchAccess>().Enabled)
        {
            Log.UnusedInStaticMode(services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DynamicDispatchEndpoints)));
        }

        return app;
    }

    private static async Task<Results<ContentHttpResult, NotFound, ProblemHttpResult, ValidationProblem>> DispatchAsync(
        string token, HttpContext context, DynamicDispatchAccess access, CallRouting routing, SwitchboardMetrics metrics, CancellationToken cancellationToken)
    {
        // The route value is the redacted segment when the path was redacted; the token itself comes from the feature.
        switch (access.Check(DynamicDispatchPathRedaction.Presented(context) ?? token, context.Connection.RemoteIpAddress))
        {
            case DynamicDispatchAccessResult.Disabled:
                return TypedResults.NotFound();    // no endpoint, so no refusal: the status code pages write the problem of any unknown path
            case DynamicDispatchAccessResult.UnknownToken:
                metrics.DynamicDispatchRefused("unknown_token");
                return TypedResults.NotFound();    // the same answer, so a scan learns nothing
            case DynamicDispatchAccessResult.SourceRefused:
                metrics.DynamicDispatchRefused("source_not_allowed");
                return Problems.Create(StatusCodes.Status403Forbidden, "Forbidden", "This source may not use this endpoint.", "source_not_allowed");
        }

        // Unsigned: LiveKit's proposal signs nothing, and the token and the source have been checked instead.
        var intake = await BodyIntake.ReadAsync(context.Request, BodyIntake.Json, RequestBody.WebhookMaxBytes, signature: null, DynamicDispatchRequest.Parse, cancellationToken);
        if (intake.Value is not { } dispatch)
        {
            metrics.DynamicDispatchRefused(intake.Code!);
            return intake.Invalid is { } invalid ? invalid : intake.Problem!;
        }

        var room = DynamicDispatchAnswer.RoomName(dispatch.CallId);
        // The call row keeps the room LiveKit is told to use; a room name longer than the column (a call id of over 251
        // characters, which LiveKit never makes) is left for the caller's join to record.
        var routed = await routing.RouteDynamicAsync(dispatch.ToRouteRequest(room.Length <= RouteRequest.MaxFieldLength ? room : null), cancellationToken);
        return routed is null
            ? Problems.Unavailable("No routing configuration could be loaded: the database has been unreachable since start-up.")
            : TypedResults.Content(DynamicDispatchAnswer.Render(routed.Answer, room), "application/json", System.Text.Encoding.UTF8);
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "LiveKit:Mode is static, yet Switchboard:DynamicDispatch:Tokens turns the dynamic-dispatch endpoint on: static dispatch rules never call it, "
            + "though it still routes and records any call posted to it. Remove the tokens, or use LiveKit:Mode=webhook")]
        public static partial void UnusedInStaticMode(ILogger logger);
    }
}
