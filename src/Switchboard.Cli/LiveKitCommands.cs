using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Switchboard.Core.Configuration;
using Switchboard.Core.LiveKitSync;
using Switchboard.Data;
using Switchboard.LiveKit.Api;
using Switchboard.Web;
using Switchboard.Web.LiveKitEvents;
using Switchboard.Web.LiveKitSync;

namespace Switchboard.Cli;

/// <summary>
/// <c>switchboard livekit setup | sync [--dry-run] | status</c> (and <c>guard</c>, <see cref="LiveKitGuardCommand"/>): the trunk and dispatch rules Switchboard keeps in LiveKit for
/// <c>LiveKit:Mode</c>, planned like a diff, checked as LiveKit checks them, and applied. Only objects Switchboard manages
/// are changed. The configuration comes from the database (as <c>config export</c> reads it), LiveKit's URL, key pair and
/// mode and the trunk's settings (<c>LiveKit:Trunk:*</c>) from appsettings.json and environment variables.
/// Exit codes: 0 done (or nothing to do), 1 failed or refused, 2 usage, <see cref="Drift"/> drift found by <c>status</c>.
/// </summary>
internal static class LiveKitCommands
{
    /// <summary><c>status</c> found changes a sync would make.</summary>
    public const int Drift = 3;

    private static readonly JsonWriterOptions Indented = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private enum Verb
    {
        Setup,
        Sync,
        Status,
    }

    public static Command Create()
    {
        var setupAddresses = AddressOption();
        var publicUrl = new Option<string?>("--public-url") { Description = "Switchboard's public base URL (https://…), to print the webhook URL to give LiveKit." };
        var setupJson = JsonOption();
        var setup = new Command("setup", "First-time setup: create Switchboard's trunk and rules in LiveKit, then print the next steps (Twilio, webhook).")
        {
            setupAddresses, publicUrl, setupJson,
        };
        setup.SetAction((parse, cancellationToken) =>
            RunAsync(Verb.Setup, parse.GetValue(setupAddresses) ?? [], dryRun: false, parse.GetValue(publicUrl), parse.GetValue(setupJson), cancellationToken));

        var syncAddresses = AddressOption();
        var dryRun = new Option<bool>("--dry-run") { Description = "Print the plan and change nothing." };
        var syncJson = JsonOption();
        var sync = new Command("sync", "Make LiveKit's trunk and rules match the configuration: print the plan like a diff, then apply it.")
        {
            syncAddresses, dryRun, syncJson,
        };
        sync.SetAction((parse, cancellationToken) =>
            RunAsync(Verb.Sync, parse.GetValue(syncAddresses) ?? [], parse.GetValue(dryRun), null, parse.GetValue(syncJson), cancellationToken));

        var statusAddresses = AddressOption();
        var statusJson = JsonOption();
        var status = new Command("status", $"Report drift: what 'sync' would change. Exit code {Drift} when there is some.") { statusAddresses, statusJson };
        status.SetAction((parse, cancellationToken) =>
            RunAsync(Verb.Status, parse.GetValue(statusAddresses) ?? [], dryRun: true, null, parse.GetValue(statusJson), cancellationToken));

        return new Command("livekit", "Switchboard's inbound trunk and dispatch rules in LiveKit, for LiveKit:Mode (events, static, webhook).") { setup, sync, status, LiveKitGuardCommand.Create() };
    }

    private static Option<string[]> AddressOption() => new("--allowed-address")
    {
        Description = "An IP, CIDR range or host the trunk accepts calls from (repeat it); replaces LiveKit:Trunk:AllowedAddresses for this run.",
    };

    private static Option<bool> JsonOption() => new("--json") { Description = "Print the result as JSON, for scripts." };

    private static async Task<int> RunAsync(Verb verb, string[] addresses, bool dryRun, string? publicUrl, bool json, CancellationToken cancellationToken)
    {
        using var host = await Cli.StartDataHostAsync(cancellationToken);
        var configuration = host.Services.GetRequiredService<IConfiguration>();
        if (ReadSettings(configuration) is not { } liveKit)
        {
            return Cli.Failed;
        }

        await using var services = SyncServices(configuration);
        if (await ResolveAsync(services) is not (var synchronizer, var trunk))
        {
            return Cli.Failed;
        }

        StoredConfig stored;
        await using (var scope = host.Services.CreateAsyncScope())
        {
            stored = await scope.ServiceProvider.GetRequiredService<ConfigStore>().LoadAsync(cancellationToken);
        }

        var now = TimeProvider.System.GetUtcNow();
        var desired = LiveKitSynchronizer.Desired(stored.Config, liveKit.Mode, trunk.ToSettings(addresses), now);
        var report = new Report(verb, liveKit.Mode, stored.Version, dryRun, liveKit.Mode == LiveKitMode.Static ? RoutingBoundaries.Next(stored.Config, now) : null);
        try
        {
            if (dryRun)
            {
                var plan = await synchronizer.PlanAsync(desired, cancellationToken);
                report = report with { Plan = plan, Changes = plan.Steps, Errors = plan.Errors };
            }
            else
            {
                var outcome = await synchronizer.SyncAsync(desired, cancellationToken);
                report = report with { Plan = outcome.Plan, Changes = outcome.Completed ? outcome.Applied : outcome.Plan.Steps, Errors = outcome.Errors };
            }
        }
        catch (LiveKitApiException exception)
        {
            return await Cli.FailAsync($"{exception.Message}{Hint(exception)}");
        }

        if (json)
        {
            Console.WriteLine(ToJson(report, verb == Verb.Setup ? NextSteps(liveKit.Mode, publicUrl) : []));
        }
        else
        {
            await PrintAsync(report, liveKit, publicUrl);
        }

        return report switch
        {
            { Errors.Count: > 0 } => Cli.Failed,
            { Verb: Verb.Status, Plan.InSync: false } => Drift,
            _ => Cli.Ok,
        };
    }

    /// <summary>The LiveKit API client and <see cref="LiveKitSynchronizer"/> over the given settings, logging nothing below Warning.</summary>
    internal static ServiceProvider SyncServices(IConfiguration configuration) =>
        new ServiceCollection().AddSingleton(configuration).AddLogging().AddLiveKitSync().BuildServiceProvider();

    /// <summary>The synchronizer and the trunk's settings, or null after printing why the settings are refused.</summary>
    internal static async Task<(LiveKitSynchronizer Synchronizer, LiveKitTrunkOptions Trunk)?> ResolveAsync(IServiceProvider services)
    {
        try
        {
            return (services.GetRequiredService<LiveKitSynchronizer>(), services.GetRequiredService<IOptions<LiveKitTrunkOptions>>().Value);
        }
        catch (OptionsValidationException exception)
        {
            await Console.Error.WriteLineAsync(string.Join(Environment.NewLine, exception.Failures));
            return null;
        }
    }

    /// <summary>LiveKit's settings, or null after saying which are missing or wrong.</summary>
    internal static LiveKitOptions? ReadSettings(IConfiguration configuration)
    {
        LiveKitOptions liveKit;
        try
        {
            liveKit = configuration.GetSection(LiveKitOptions.Section).Get<LiveKitOptions>() ?? new LiveKitOptions();
        }
        catch (InvalidOperationException)
        {
            Console.Error.WriteLine($"{LiveKitOptions.Section}:Mode must be events, static or webhook (it is '{configuration[$"{LiveKitOptions.Section}:Mode"]}').");
            return null;
        }

        string[] missing =
        [
            .. string.IsNullOrWhiteSpace(liveKit.Url) ? ["Url"] : Array.Empty<string>(),
            .. string.IsNullOrEmpty(liveKit.ApiKey) ? ["ApiKey"] : Array.Empty<string>(),
            .. string.IsNullOrEmpty(liveKit.ApiSecret) ? ["ApiSecret"] : Array.Empty<string>(),
        ];
        if (missing.Length == 0)
        {
            return liveKit;
        }

        Console.Error.WriteLine(
            $"{string.Join(", ", missing.Select(m => $"{LiveKitOptions.Section}:{m}"))} {(missing.Length == 1 ? "is" : "are")} not set. 'switchboard livekit' needs LiveKit's "
            + "server URL and an API key pair with the SIP admin grant: set them in appsettings.json or as environment variables ("
            + string.Join(", ", missing.Select(m => $"{LiveKitOptions.Section}__{m}")) + ").");
        return null;
    }

    internal static string Hint(LiveKitApiException exception) => exception switch
    {
        { Code: TwirpErrorCode.Unauthenticated } => " Check LiveKit:ApiKey and LiveKit:ApiSecret (the key needs the SIP admin grant).",
        { HttpStatus: null } => " Check LiveKit:Url and that LiveKit is reachable from here.",
        _ => "",
    };

    private static async Task PrintAsync(Report report, LiveKitOptions liveKit, string? publicUrl)
    {
        var plan = report.Plan!;
        Console.WriteLine($"LiveKit {liveKit.Url} · mode {Mode(report.Mode)} · configuration version {report.ConfigVersion}");
        foreach (var warning in plan.Warnings)
        {
            await Console.Error.WriteLineAsync($"warning: {warning}");
        }

        if (report.Errors.Count > 0)
        {
            foreach (var line in report.Changes.Select(s => s.Describe()))
            {
                Console.WriteLine(line);
            }

            foreach (var error in report.Errors)
            {
                await Console.Error.WriteLineAsync($"error: {error}");
            }

            await Console.Error.WriteLineAsync($"LiveKit would refuse {(report.Errors.Count == 1 ? "this change" : "these changes")}: nothing was changed. "
                + "Fix the configuration, or the LiveKit trunk or rule named, and run again.");
            return;
        }

        foreach (var line in report.Changes.Select(s => s.Describe()))
        {
            Console.WriteLine(line);
        }

        Console.WriteLine((report.Verb, report.DryRun, report.Changes.Count) switch
        {
            (_, _, 0) => "In sync: LiveKit holds what Switchboard wants; nothing to change.",
            (Verb.Status, _, var n) => $"Drift: {Changes(n)} to make; 'switchboard livekit sync' applies {(n == 1 ? "it" : "them")}.",
            (_, true, var n) => $"Dry run: {Changes(n)} planned, nothing changed; 'switchboard livekit sync' applies {(n == 1 ? "it" : "them")}.",
            (_, _, var n) => $"Applied {Changes(n)}.",
        });

        if (report.Next is { } next)
        {
            Console.WriteLine($"Next routing boundary: {next.At.ToUniversalTime():yyyy-MM-dd HH:mm:ss}Z ({next.Reason}). A running service in static mode re-syncs then; without one, run 'switchboard livekit sync' again.");
        }

        if (report.Verb == Verb.Setup)
        {
            Console.WriteLine();
            Console.WriteLine("Next steps:");
            foreach (var step in NextSteps(report.Mode, publicUrl))
            {
                Console.WriteLine("  " + step);
            }
        }
    }

    private static List<string> NextSteps(LiveKitMode mode, string? publicUrl)
    {
        var webhook = (string.IsNullOrWhiteSpace(publicUrl) ? "https://YOUR-SWITCHBOARD-HOST" : publicUrl.TrimEnd('/')) + LiveKitEventEndpoints.Path;
        return
        [
            "1. Twilio: Elastic SIP Trunking → your trunk → Origination: add an origination URI pointing at your LiveKit project's SIP URI, "
                + "e.g. sip:YOUR-PROJECT-SIP-HOST;transport=tcp (LiveKit Cloud: project settings show the SIP URI; self-hosted: your LiveKit SIP server). "
                + "Attach the configured numbers to that Twilio trunk.",
            $"2. LiveKit webhooks: send them to {webhook} (LiveKit Cloud: project settings → Webhooks), signed with the key pair in LiveKit:ApiKey/ApiSecret.",
            "3. Agents: start each agent worker with the agent name the configuration uses. A worker registered without an agent name is dispatched to every room.",
            mode == LiveKitMode.Static
                ? "4. Run 'switchboard serve' with LiveKit:Mode=static: it re-syncs the rules on every configuration change and campaign start or end."
                : $"4. Run 'switchboard serve' with LiveKit:Mode={Mode(mode)}: it dispatches the routed agent when the caller joins the room.",
        ];
    }

    private static string Changes(int count) => count.ToString(CultureInfo.InvariantCulture) + (count == 1 ? " change" : " changes");

    internal static string Mode(LiveKitMode mode) => mode.ToString().ToLowerInvariant();

    private static string ToJson(Report report, List<string> nextSteps)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, Indented))
        {
            json.WriteStartObject();
            json.WriteString("command", report.Verb.ToString().ToLowerInvariant());
            json.WriteString("mode", Mode(report.Mode));
            json.WriteNumber("config_version", report.ConfigVersion);
            json.WriteBoolean("dry_run", report.DryRun);
            json.WriteBoolean("in_sync", report.Plan!.InSync);
            json.WriteBoolean("applied", !report.DryRun && report.Errors.Count == 0 && report.Changes.Count > 0);
            json.WriteStartArray("changes");
            foreach (var step in report.Changes)
            {
                json.WriteStartObject();
                json.WriteString("action", step.Action.ToString().ToLowerInvariant());
                json.WriteString("kind", step.Kind.ToString().ToLowerInvariant());
                json.WriteString("name", step.Name);
                json.WriteString("id", step.Id);
                json.WriteString("agent", step.Agent);
                json.WriteStartArray("numbers");
                foreach (var number in step.Trunk?.Numbers ?? step.Rule?.Numbers ?? [])
                {
                    json.WriteStringValue(number);
                }

                json.WriteEndArray();
                json.WriteStartArray("details");
                foreach (var change in step.Changes)
                {
                    json.WriteStringValue(change);
                }

                json.WriteEndArray();
                json.WriteString("line", step.Describe());
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("errors");
            foreach (var error in report.Errors)
            {
                json.WriteStartObject();
                json.WriteString("object", error.Path);
                json.WriteString("message", error.Message);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("warnings");
            foreach (var warning in report.Plan.Warnings)
            {
                json.WriteStringValue(warning);
            }

            json.WriteEndArray();
            if (report.Next is { } next)
            {
                json.WriteStartObject("next_boundary");
                json.WriteString("at", next.At.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
                json.WriteString("reason", next.Reason);
                json.WriteEndObject();
            }
            else
            {
                json.WriteNull("next_boundary");
            }

            if (nextSteps.Count > 0)
            {
                json.WriteStartArray("next_steps");
                foreach (var step in nextSteps)
                {
                    json.WriteStringValue(step);
                }

                json.WriteEndArray();
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length);
    }

    /// <summary>What one run found and did: the plan, the changes shown (planned, or applied), and the refusals.</summary>
    private sealed record Report(Verb Verb, LiveKitMode Mode, long ConfigVersion, bool DryRun, RoutingBoundary? Next)
    {
        public LiveKitSyncPlan? Plan { get; init; }

        public IReadOnlyList<SyncStep> Changes { get; init; } = [];

        public IReadOnlyList<ConfigError> Errors { get; init; } = [];
    }
}
