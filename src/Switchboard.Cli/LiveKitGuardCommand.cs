using System.CommandLine;
using Switchboard.Core.LiveKitSync;
using Switchboard.Web;

namespace Switchboard.Cli;

/// <summary>
/// <c>switchboard livekit guard --health URL</c>: the dead man's switch for <c>events</c> and <c>webhook</c> modes, run apart
/// from the service. While the service stays unhealthy it puts static agents into LiveKit's rules, so calls keep being
/// answered; when the service recovers it takes them out again (<see cref="LiveKitGuard"/>). Runs until Ctrl+C or SIGTERM.
/// Exit codes: 0 stopped, 1 cannot start (settings, static mode, no configuration), 2 usage.
/// </summary>
internal static class LiveKitGuardCommand
{
    public static Command Create()
    {
        var health = new Option<Uri>("--health")
        {
            Description = "Switchboard's readiness URL, e.g. https://switchboard.example.com/readyz: healthy is a 2xx answer within --timeout.",
            Required = true,
            CustomParser = result => Uri.TryCreate(result.Tokens.Single().Value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
                ? uri
                : Invalid<Uri>(result, "--health must be an absolute http:// or https:// URL."),
        };
        var interval = Seconds("--interval", 5, "Seconds between checks.");
        var timeout = Seconds("--timeout", 2, "Seconds a check may take before it counts as failed.");
        var failures = Count("--failures", 3, "Failed checks in a row before swapping to static agents.");
        var recoveries = Count("--recoveries", 3, "Good checks in a row before swapping back.");
        var cache = new Option<FileInfo>("--cache")
        {
            Description = "Where the last configuration read is kept, for when the database is down too.",
            DefaultValueFactory = _ => new FileInfo(LiveKitGuard.DefaultCacheFile),
        };
        var addresses = new Option<string[]>("--allowed-address")
        {
            Description = "An IP, CIDR range or host the trunk accepts calls from (repeat it); replaces LiveKit:Trunk:AllowedAddresses.",
        };
        var guard = new Command("guard", "Failover for events mode: while Switchboard stays unhealthy, LiveKit's rules name each number's agent; swapped back when it recovers.")
        {
            health, interval, timeout, failures, recoveries, cache, addresses,
        };
        guard.SetAction((parse, cancellationToken) => RunAsync(
            new LiveKitGuard.Settings(
                parse.GetValue(health)!,
                TimeSpan.FromSeconds(parse.GetValue(interval)),
                TimeSpan.FromSeconds(parse.GetValue(timeout)),
                new GuardThresholds(parse.GetValue(failures), parse.GetValue(recoveries)),
                parse.GetValue(cache)!,
                parse.GetValue(addresses) ?? []),
            cancellationToken));
        return guard;
    }

    private static async Task<int> RunAsync(LiveKitGuard.Settings settings, CancellationToken cancellationToken)
    {
        using var host = Cli.BuildDataHost(databaseLogs: LogLevel.None);     // the guard says itself when the database cannot be read
        var configuration = host.Services.GetRequiredService<IConfiguration>();
        if (LiveKitCommands.ReadSettings(configuration) is not { } liveKit)
        {
            return Cli.Failed;
        }

        if (liveKit.Mode == LiveKitMode.Static)
        {
            return await Cli.FailAsync("LiveKit:Mode is static: LiveKit's rules already name every number's agent, so there is nothing to fail over to. "
                + "The guard is for events and webhook modes.");
        }

        await using var services = LiveKitCommands.SyncServices(configuration);
        if (await LiveKitCommands.ResolveAsync(services) is not (var synchronizer, var trunk))
        {
            return Cli.Failed;
        }

        using var http = new HttpClient { Timeout = settings.Timeout };
        var guard = new LiveKitGuard(settings, liveKit, synchronizer, trunk.ToSettings(settings.AllowedAddresses), host.Services, http, TimeProvider.System);
        return await guard.RunAsync(cancellationToken);
    }

    private static Option<double> Seconds(string name, double defaultValue, string description) => new(name)
    {
        Description = $"{description} Default {defaultValue}.",
        DefaultValueFactory = _ => defaultValue,
        CustomParser = result => double.TryParse(result.Tokens.Single().Value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var value)
            && value is > 0 and <= 3600
                ? value
                : Invalid<double>(result, $"{name} must be a number of seconds above 0 and at most 3600."),
    };

    private static Option<int> Count(string name, int defaultValue, string description) => new(name)
    {
        Description = $"{description} Default {defaultValue}.",
        DefaultValueFactory = _ => defaultValue,
        CustomParser = result => int.TryParse(result.Tokens.Single().Value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value)
            && value is >= 1 and <= 1000
                ? value
                : Invalid<int>(result, $"{name} must be a whole number from 1 to 1000."),
    };

    private static T Invalid<T>(System.CommandLine.Parsing.ArgumentResult result, string message)
    {
        result.AddError(message);
        return default!;
    }
}
