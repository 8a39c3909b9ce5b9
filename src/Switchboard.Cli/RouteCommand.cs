using System.CommandLine;
using System.Text.Json;
using Switchboard.Data;
using Switchboard.Web;
using Switchboard.Web.LiveKitSync;
using Switchboard.Web.Routing;

namespace Switchboard.Cli;

/// <summary><c>switchboard route --from N --to N [--json]</c>: how the configuration in force would route a call, step by step. Writes nothing.</summary>
internal static class RouteCommand
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static Command Create()
    {
        var from = new Option<string>("--from") { Description = "The caller id, as LiveKit would send it.", Required = true };
        var to = new Option<string>("--to") { Description = "The dialed number.", Required = true };
        var json = new Option<bool>("--json") { Description = "Print the explanation as JSON, as POST /api/v1/routing/explain answers." };
        var route = new Command("route", "Explain how a call would be routed, without routing it.") { from, to, json };
        route.SetAction((parse, cancellationToken) => RouteAsync(parse.GetValue(from)!, parse.GetValue(to)!, parse.GetValue(json), cancellationToken));
        return route;
    }

    private static async Task<int> RouteAsync(string from, string to, bool json, CancellationToken cancellationToken)
    {
        using var host = await Cli.StartDataHostAsync(cancellationToken);
        await using var scope = host.Services.CreateAsyncScope();
        var stored = await scope.ServiceProvider.GetRequiredService<ConfigStore>().LoadAsync(cancellationToken);
        var request = new RouteRequest("cli-explain", from, to, null, null, null);
        var settings = host.Services.GetRequiredService<IConfiguration>();
        if (!Enum.TryParse<LiveKitMode>(settings[$"{LiveKitOptions.Section}:Mode"] ?? nameof(LiveKitMode.Events), ignoreCase: true, out var mode) || !Enum.IsDefined(mode))
        {
            return await Cli.FailAsync($"{LiveKitOptions.Section}:Mode must be events, static or webhook (it is '{settings[$"{LiveKitOptions.Section}:Mode"]}').");
        }

        var trunk = settings.GetSection(LiveKitTrunkOptions.Section).Get<LiveKitTrunkOptions>() ?? new LiveKitTrunkOptions();
        var explanation = RoutingExplanation.Explain(request, stored.Config.ToRoutingTable(stored.Version), TimeProvider.System.GetUtcNow(), (mode, trunk.ToSettings()));

        if (json)
        {
            Console.WriteLine(JsonSerializer.Serialize(explanation, Json));
            return Cli.Ok;
        }

        Console.WriteLine(explanation.Action == "accept"
            ? $"accept: agent '{explanation.AgentName}' ({explanation.Reason}), configuration version {explanation.ConfigVersion}"
            : $"reject: {explanation.RejectReason}, configuration version {explanation.ConfigVersion}");
        var width = explanation.Trace.Max(s => s.Step.Length);
        var outcomeWidth = explanation.Trace.Max(s => s.Outcome.Length);
        for (var i = 0; i < explanation.Trace.Count; i++)
        {
            var step = explanation.Trace[i];
            Console.WriteLine($"  {i + 1}. {step.Step.PadRight(width)}  {step.Outcome.PadRight(outcomeWidth)}  {step.Detail}");
        }

        if (explanation.LiveKit is { } liveKit)
        {
            Console.WriteLine($"LiveKit ({liveKit.Mode} mode, Switchboard's rules): {liveKit.Result}{(liveKit.Rule is null ? "" : $" by rule \"{liveKit.Rule}\"")}. {liveKit.Then}");
        }

        return Cli.Ok;
    }
}
