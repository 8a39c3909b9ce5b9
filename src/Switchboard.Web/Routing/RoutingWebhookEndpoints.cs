using Microsoft.AspNetCore.Http.HttpResults;
using Switchboard.Web.Hosting;

namespace Switchboard.Web.Routing;

public static class RoutingWebhookEndpoints
{
    public const string Path = "/api/v1/webhooks/livekit/sip-inbound";

    /// <summary>POST /api/v1/webhooks/livekit/sip-inbound: the hot path. Signed like LiveKit's webhooks; never answers 409 or 500 for storage.</summary>
    public static IEndpointRouteBuilder MapRoutingWebhook(this IEndpointRouteBuilder app)
    {
        app.MapPost(Path, RouteAsync)
            .WithTags("Routing")
            .WithSummary("Decide who answers an inbound call")
            .AllowAnonymous();
        return app;
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult, ValidationProblem>> RouteAsync(
        HttpRequest request, WebhookSignature signature, CallRouting routing, CancellationToken cancellationToken)
    {
        var intake = await BodyIntake.ReadAsync(request, BodyIntake.Json, RequestBody.WebhookMaxBytes, signature, RouteRequest.Parse, cancellationToken);
        if (intake.Value is not { } routeRequest)
        {
            return intake.Invalid is { } invalid ? invalid : intake.Problem!;
        }

        var answer = await routing.RouteAsync(routeRequest, cancellationToken);
        return answer is null
            ? Problems.Unavailable("No routing configuration could be loaded: the database has been unreachable since start-up.")
            : TypedResults.Content(answer, "application/json", System.Text.Encoding.UTF8);
    }
}
