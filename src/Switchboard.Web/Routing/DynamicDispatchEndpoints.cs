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
public static class DynamicDispatchEndpoints
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

    public static IEndpointRouteBuilder MapDynamicDispatch(this IEndpointRouteBuilder app)
    {
        app.MapPost(Pattern, DispatchAsync)
            .WithTags("Routing")
            .WithSummary("LiveKit's proposed dynamic dispatch (experimental): decide who answers an inbound call")
            .AllowAnonymous();
        return app;
    }

    private static async Task<Results<ContentHttpResult, NotFound, ProblemHttpResult, ValidationProblem>> DispatchAsync(
        string token, HttpContext context, DynamicDispatchAccess access, CallRouting routing, CancellationToken cancellationToken)
    {
        // The route value is the redacted segment when the path was redacted; the token itself comes from the feature.
        switch (access.Check(DynamicDispatchPathRedaction.Presented(context) ?? token, context.Connection.RemoteIpAddress))
        {
            case DynamicDispatchAccessResult.Disabled or DynamicDispatchAccessResult.UnknownToken:
                return TypedResults.NotFound();    // the status code pages write the same problem as for any unknown path
            case DynamicDispatchAccessResult.SourceRefused:
                return Problems.Create(StatusCodes.Status403Forbidden, "Forbidden", "This source may not use this endpoint.", "source_not_allowed");
        }

        var request = context.Request;
        if (!RequestBody.HasMediaType(request, "application/json"))
        {
            return Problems.UnsupportedMediaType("application/json");
        }

        var (body, problem) = await RequestBody.ReadAsync(request, RequestBody.WebhookMaxBytes, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var parsed = DynamicDispatchRequest.Parse(body);
        if (parsed.Request is not { } dispatch)
        {
            return parsed.Errors is { } errors
                ? Problems.InvalidFields(errors, "Invalid dynamic dispatch request")
                : Problems.Malformed(parsed.MalformedDetail!);
        }

        var room = DynamicDispatchAnswer.RoomName(dispatch.CallId);
        // The call row keeps the room LiveKit is told to use; a room name longer than the column (a call id of over 251
        // characters, which LiveKit never makes) is left for the caller's join to record.
        var routed = await routing.RouteDynamicAsync(dispatch.ToRouteRequest(room.Length <= RouteRequest.MaxFieldLength ? room : null), dispatch.FromHost, cancellationToken);
        return routed is null
            ? Problems.Unavailable("No routing configuration could be loaded: the database has been unreachable since start-up.")
            : TypedResults.Content(DynamicDispatchAnswer.Render(routed.Answer, room), "application/json", System.Text.Encoding.UTF8);
    }
}
