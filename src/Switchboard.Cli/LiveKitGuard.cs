using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Switchboard.Core.Configuration;
using Switchboard.Core.LiveKitSync;
using Switchboard.Data;
using Switchboard.LiveKit.Api;
using Switchboard.Web;
using Switchboard.Web.LiveKitSync;

namespace Switchboard.Cli;

/// <summary>
/// The failover guard's loop: every interval, check Switchboard's health, read the configuration (keeping the last one read in
/// a cache file, for when the database is down too), feed the check to <see cref="GuardState"/>, and make LiveKit hold the
/// rules its posture wants — the mode's own (the catch-all) when healthy, <see cref="LiveKitSyncMode.Failover"/> (the
/// catch-all plus each number's static agent) when unhealthy, recompiled at routing boundaries and configuration changes
/// while failed over. A sync LiveKit refuses or fails is tried again at the next check. Every swap is printed, one line each.
/// </summary>
internal sealed class LiveKitGuard(
    LiveKitGuard.Settings settings,
    LiveKitOptions liveKit,
    LiveKitSynchronizer synchronizer,
    ManagedTrunkSettings trunk,
    IServiceProvider dataServices,
    HttpClient http,
    TimeProvider clock)
{
    public const string DefaultCacheFile = "switchboard-guard.json";

    /// <summary>How long the first read of the configuration may take (a cold start builds the data layer).</summary>
    private static readonly TimeSpan FirstRead = TimeSpan.FromSeconds(15);

    /// <summary>The least a read at a check may take.</summary>
    private static readonly TimeSpan CheckRead = TimeSpan.FromSeconds(5);

    /// <summary>How often a database found down is tried again.</summary>
    private static readonly TimeSpan DatabaseRetry = TimeSpan.FromSeconds(30);

    private GuardState _state = GuardState.Start;
    private DateTimeOffset _nextDatabaseTry;
    private string? _lastFailure;
    private StoredConfig? _config;
    private bool _databaseDown;
    private Applied? _applied;

    /// <summary>What the command line asked for.</summary>
    public sealed record Settings(Uri Health, TimeSpan Interval, TimeSpan Timeout, GuardThresholds Thresholds, FileInfo Cache, IReadOnlyList<string> AllowedAddresses);

    /// <summary>What LiveKit was last made to hold: for which posture, from which configuration, until when it holds.</summary>
    private sealed record Applied(GuardPosture Posture, long Version, DateTimeOffset? Until);

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        Say($"watching {settings.Health} every {Number(settings.Interval.TotalSeconds)} s: static agents after {settings.Thresholds.Failures} failed checks in a row, "
            + $"back to {LiveKitCommands.Mode(liveKit.Mode)} mode after {settings.Thresholds.Recoveries} good ones (LiveKit {liveKit.Url})");
        try
        {
            await RefreshConfigAsync(FirstRead, cancellationToken);
            if (_config is null)
            {
                await Console.Error.WriteLineAsync($"guard: no configuration to fail over with: the database cannot be read and there is no cache at {settings.Cache.FullName}.");
                return Cli.Failed;
            }

            using var timer = new PeriodicTimer(settings.Interval, clock);
            do
            {
                await CheckAsync(cancellationToken);
            }
            while (await timer.WaitForNextTickAsync(cancellationToken));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }

        Say(_applied is null ? "stopped; LiveKit's rules were not changed." : $"stopped; LiveKit keeps the {Describe(_applied.Posture)} rules.");
        return Cli.Ok;
    }

    private async Task CheckAsync(CancellationToken cancellationToken)
    {
        var (healthy, problem) = await ProbeAsync(cancellationToken);
        await RefreshConfigAsync(Max(settings.Interval, settings.Timeout, CheckRead), cancellationToken);
        var before = _state;
        _state = _state.Observe(healthy, settings.Thresholds);
        if (!healthy && before.FailedInARow < settings.Thresholds.Failures)
        {
            Say($"{settings.Health} unhealthy ({problem}): {_state.FailedInARow} of {settings.Thresholds.Failures} failed checks.");
        }
        else if (healthy && before.FailedInARow > 0)
        {
            Say($"{settings.Health} healthy again.");
        }

        var now = clock.GetUtcNow();
        if (_state.Posture == GuardPosture.Unknown || !NeedsSync(now))
        {
            return;
        }

        var desired = _state.Posture == GuardPosture.Failover
            ? LiveKitDesiredState.Compute(_config!.Config, LiveKitSyncMode.Failover, trunk, now)
            : LiveKitSynchronizer.Desired(_config!.Config, liveKit.Mode, trunk, now);
        try
        {
            var outcome = await synchronizer.SyncAsync(desired, cancellationToken);
            if (outcome.Errors.Count > 0)
            {
                Failed($"LiveKit would refuse the {Describe(_state.Posture)} rules ({string.Join("; ", outcome.Errors)}): nothing changed; trying again at each check.");
                return;
            }

            Say(Swapped(outcome.Applied.Count));
            foreach (var step in outcome.Applied)
            {
                Console.WriteLine("  " + step.Describe());
            }

            _applied = new Applied(_state.Posture, _config.Version, _state.Posture == GuardPosture.Failover ? RoutingBoundaries.Next(_config.Config, now)?.At : null);
            _lastFailure = null;
        }
        catch (LiveKitApiException exception)
        {
            Failed($"could not change LiveKit's rules: {exception.Message}{LiveKitCommands.Hint(exception)} Trying again at each check.");
        }
    }

    /// <summary>A sync that did not go through, said once rather than at every check, until it changes or a sync goes through.</summary>
    private void Failed(string failure)
    {
        if (failure != _lastFailure)
        {
            Say(failure);
            _lastFailure = failure;
        }
    }

    /// <summary>A swap is due when the posture changed, or, while failed over, when the configuration or the routing boundary did.</summary>
    private bool NeedsSync(DateTimeOffset now) =>
        _applied is not { } applied
        || applied.Posture != _state.Posture
        || (applied.Posture == GuardPosture.Failover && (applied.Version != _config!.Version || now >= applied.Until));

    private string Swapped(int changes)
    {
        var what = $"({changes} {(changes == 1 ? "change" : "changes")})";
        return (_applied?.Posture, _state.Posture) switch
        {
            (GuardPosture.Failover, GuardPosture.Failover) => $"routing changed while failed over: static agents recompiled {what}.",
            (_, GuardPosture.Failover) => $"Switchboard unhealthy for {_state.FailedInARow} checks in a row: swapped to static agents {what}; LiveKit dispatches each number's agent itself.",
            (GuardPosture.Failover, _) => $"Switchboard healthy for {_state.HealthyInARow} checks in a row: swapped back to {LiveKitCommands.Mode(liveKit.Mode)} mode {what}; Switchboard dispatches again.",
            _ => $"Switchboard is healthy: LiveKit holds the {LiveKitCommands.Mode(liveKit.Mode)}-mode rules {what}.",
        };
    }

    private string Describe(GuardPosture posture) => posture == GuardPosture.Failover ? "static-agent" : LiveKitCommands.Mode(liveKit.Mode) + "-mode";

    private async Task<(bool Healthy, string? Problem)> ProbeAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.GetAsync(settings.Health, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            return response.IsSuccessStatusCode ? (true, null) : (false, $"{(int)response.StatusCode} {response.ReasonPhrase}");
        }
        catch (HttpRequestException exception)
        {
            return (false, exception.HttpRequestError == HttpRequestError.ConnectionError ? "no connection" : exception.Message);
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (false, $"no answer within {Number(settings.Timeout.TotalSeconds)} s");
        }
    }

    /// <summary>The configuration in force from the database, cached on change; the cache when the database cannot be read.</summary>
    private async Task RefreshConfigAsync(TimeSpan wait, CancellationToken cancellationToken)
    {
        // A database that does not answer must not slow the health checks down (a connection attempt waits 15 s by default):
        // a read at a check gets an interval (at least CheckRead), and a database found down is tried again only every
        // DatabaseRetry, the cache standing in meanwhile.
        var now = clock.GetUtcNow();
        if (_databaseDown && _config is not null && now < _nextDatabaseTry)
        {
            return;
        }

        _nextDatabaseTry = now + DatabaseRetry;
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(wait);
        try
        {
            StoredConfig stored;
            await using (var scope = dataServices.CreateAsyncScope())
            {
                stored = await scope.ServiceProvider.GetRequiredService<ConfigStore>().LoadAsync(budget.Token);
            }

            if (_databaseDown)
            {
                Say("the database can be read again.");
                _databaseDown = false;
            }

            if (_config?.Version != stored.Version)
            {
                _config = stored;
                await SaveCacheAsync(stored, cancellationToken);
                Say($"configuration version {stored.Version} cached ({Numbers(stored.Config)}) in {settings.Cache.Name}.");
            }
        }
        catch (Exception exception) when (exception is DbException or InvalidOperationException or TimeoutException or OperationCanceledException
            && !cancellationToken.IsCancellationRequested)
        {
            if (!_databaseDown)
            {
                _databaseDown = true;
                Say(exception is OperationCanceledException
                    ? $"the database cannot be read (no answer within {Number(wait.TotalSeconds)} s)."
                    : $"the database cannot be read ({exception.GetBaseException().GetType().Name}: {FirstLine(exception.GetBaseException().Message)}).");
            }

            if (_config is null && await LoadCacheAsync(cancellationToken) is { } cached)
            {
                _config = cached;
                Say($"using the cached configuration version {cached.Version} ({Numbers(cached.Config)}) from {settings.Cache.Name}.");
            }
        }
    }

    private async Task SaveCacheAsync(StoredConfig stored, CancellationToken cancellationToken)
    {
        var temp = settings.Cache.FullName + ".tmp";
        await using (var file = File.Create(temp))
        await using (var json = new Utf8JsonWriter(file, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteNumber("config_version", stored.Version);
            json.WriteString("saved_at", clock.GetUtcNow().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
            json.WritePropertyName("config");
            using var config = JsonDocument.Parse(ConfigWriter.ToJson(stored.Config));
            config.WriteTo(json);
            json.WriteEndObject();
        }

        File.Move(temp, settings.Cache.FullName, overwrite: true);
    }

    private async Task<StoredConfig?> LoadCacheAsync(CancellationToken cancellationToken)
    {
        if (!settings.Cache.Exists)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(await File.ReadAllTextAsync(settings.Cache.FullName, cancellationToken));
            var parsed = ConfigParser.Parse(document.RootElement.GetProperty("config").GetRawText());
            if (parsed.IsValid)
            {
                return new StoredConfig(parsed.Config, document.RootElement.GetProperty("config_version").GetInt64());
            }

            Say($"the cache {settings.Cache.Name} holds an invalid configuration: {string.Join("; ", parsed.Errors)}");
        }
        catch (Exception exception) when (exception is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or IOException)
        {
            Say($"the cache {settings.Cache.Name} cannot be read: {exception.Message}");
        }

        return null;
    }

    private static string Numbers(SwitchboardConfig config) => config.Tenants.Sum(t => t.Numbers.Count) is var count && count == 1 ? "1 number" : $"{count} numbers";

    private static TimeSpan Max(params TimeSpan[] spans) => spans.Max();

    private static string FirstLine(string text) => text.Split('\n', 2)[0].Trim();

    private static string Number(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    private static void Say(string line) => Console.WriteLine("guard: " + line);
}
