using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Switchboard.Data;
using Switchboard.Web.Hosting;
using Switchboard.Web.LiveKitSync;

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
        HttpRequest request, RoutingTables tables, IOptions<LiveKitOptions> liveKit, IOptions<LiveKitTrunkOptions> trunk, TimeProvider clock, CancellationToken cancellationToken)
    {
        // Unsigned: the admin key has already been checked.
        var intake = await BodyIntake.ReadAsync(request, BodyIntake.Json, RequestBody.WebhookMaxBytes, signature: null, RouteRequest.Parse, cancellationToken);
        if (intake.Value is not { } routeRequest)
        {
            return intake.Invalid is { } invalid ? invalid : intake.Problem!;
        }

        return tables.Current is { } table
            ? TypedResults.Ok(RoutingExplanation.Explain(routeRequest, table, clock.GetUtcNow(), (liveKit.Value.Mode, trunk.Value.ToSettings())))
            : Problems.Unavailable("No routing configuration is loaded.");
    }
}
