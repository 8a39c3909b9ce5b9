using Microsoft.AspNetCore.Http.HttpResults;
using Switchboard.Data;
using Switchboard.Web.Hosting;

namespace Switchboard.Web.Routing;

public static class ExplainEndpoints
{
    /// <summary>POST /api/v1/routing/explain: the decision and its trace for a routing request, writing nothing.</summary>
    public static RouteGroupBuilder MapExplain(this RouteGroupBuilder api)
    {
        api.MapPost("/routing/explain", ExplainAsync).WithTags("Routing").WithSummary("Explain how a call would be routed");
        return api;
    }

    private static async Task<Results<Ok<RoutingExplanation>, ProblemHttpResult, ValidationProblem>> ExplainAsync(
        HttpRequest request, RoutingTables tables, TimeProvider clock, CancellationToken cancellationToken)
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

        var parsed = RouteRequest.Parse(body);
        if (parsed.Request is not { } routeRequest)
        {
            return parsed.Errors is { } errors ? Problems.InvalidFields(errors, "Invalid routing request") : Problems.Malformed(parsed.MalformedDetail!);
        }

        return tables.Current is { } table
            ? TypedResults.Ok(RoutingExplanation.Explain(routeRequest, table, clock.GetUtcNow()))
            : Problems.Unavailable("No routing configuration is loaded.");
    }
}
