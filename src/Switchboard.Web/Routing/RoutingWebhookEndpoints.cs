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
        if (!RequestBody.HasMediaType(request, "application/json"))
        {
            return Problems.UnsupportedMediaType("application/json");
        }

        var (body, problem) = await RequestBody.ReadAsync(request, RequestBody.WebhookMaxBytes, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        if (signature.Refusal(request, body.Span) is { } refusal)
        {
            return Problems.BadSignature(refusal);
        }

        var parsed = RouteRequest.Parse(body);
        if (parsed.Request is not { } routeRequest)
        {
            return parsed.Errors is { } errors
                ? Problems.InvalidFields(errors, "Invalid routing request")
                : Problems.Malformed(parsed.MalformedDetail!);
        }

        var answer = await routing.RouteAsync(routeRequest, cancellationToken);
        return answer is null
            ? Problems.Unavailable("No routing configuration could be loaded: the database has been unreachable since start-up.")
            : TypedResults.Content(answer, "application/json", System.Text.Encoding.UTF8);
    }
}
