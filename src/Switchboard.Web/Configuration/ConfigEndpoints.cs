using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Switchboard.Core.Configuration;
using Switchboard.Data;
using Switchboard.Web.Hosting;
using Switchboard.Web.Workers;

namespace Switchboard.Web.Configuration;

public static class ConfigEndpoints
{
    public const int MaxConfigBytes = ConfigParser.MaxDocumentBytes;

    private static readonly string[] ConfigMediaTypes = ["application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml", "application/json", "text/plain"];

    /// <summary>GET and PUT /api/v1/config: the configuration as code, in the same schema as <c>switchboard config apply/export</c>.</summary>
    public static RouteGroupBuilder MapConfig(this RouteGroupBuilder api)
    {
        var config = api.MapGroup("/config").WithTags("Configuration");
        config.MapGet("/", ExportAsync).WithSummary("Export the configuration in force (YAML; JSON with Accept: application/json or ?format=json)");
        config.MapPut("/", ApplyAsync).WithSummary("Validate and apply a whole configuration (YAML or JSON); ?prune=true removes what the file lacks");
        return api;
    }

    private static async Task<ContentHttpResult> ExportAsync(HttpRequest request, string? format, ConfigStore store, CancellationToken cancellationToken)
    {
        var stored = await store.LoadAsync(cancellationToken);
        var json = string.Equals(format, "json", StringComparison.OrdinalIgnoreCase)
            || (format is null && request.Headers.Accept.ToString().Contains("application/json", StringComparison.OrdinalIgnoreCase));
        return json
            ? TypedResults.Content(ConfigWriter.ToJson(stored.Config), "application/json", Encoding.UTF8)
            : TypedResults.Content(ConfigWriter.ToYaml(stored.Config), "application/yaml", Encoding.UTF8);
    }

    private static async Task<Results<Ok<ConfigApplyResponse>, ProblemHttpResult, ValidationProblem>> ApplyAsync(
        HttpRequest request, bool? prune, ConfigStore store, RoutingTableRefresher refresher, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        if (!RequestBody.HasMediaType(request, ConfigMediaTypes))
        {
            return Problems.UnsupportedMediaType("application/yaml or application/json");
        }

        var (body, problem) = await RequestBody.ReadAsync(request, MaxConfigBytes, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(body.Span);
        }
        catch (DecoderFallbackException)
        {
            return Problems.Malformed("The configuration is not valid UTF-8 text.");
        }

        var parsed = ConfigParser.Parse(text);
        if (!parsed.IsValid)
        {
            var errors = parsed.Errors.GroupBy(e => e.Path).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray());
            return TypedResults.ValidationProblem(errors, title: "Invalid configuration", detail: $"{parsed.Errors.Count} error(s); nothing was changed.",
                extensions: new Dictionary<string, object?> { ["code"] = "invalid_config" });
        }

        var result = await store.ApplyAsync(parsed.Config!, prune ?? false, "api", clock.GetUtcNow().UtcDateTime, cancellationToken);
        await refresher.RefreshAsync(cancellationToken);
        return TypedResults.Ok(new ConfigApplyResponse(result.Version, result.Changed, result.Changes));
    }
}

public sealed record ConfigApplyResponse(long Version, bool Changed, IReadOnlyList<string> Changes);
