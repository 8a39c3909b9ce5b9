using Microsoft.Extensions.Options;
using Switchboard.Core.LiveKitSync;
using Switchboard.Data;
using Switchboard.Web.LiveKitSync;

namespace Switchboard.Web.Workers;

/// <summary>
/// Static mode (<c>LiveKit:Mode=static</c>, with <c>LiveKit:Url/ApiKey/ApiSecret</c>): keeps LiveKit's dispatch rules compiled
/// from the configuration in force. Syncs once the routing table is loaded, whenever a newer configuration version is
/// published, at each routing boundary (<see cref="RoutingBoundaries.Next"/>: a campaign starting or ending), and every
/// <see cref="ResyncInterval"/> to repair changes made in LiveKit. A failed or refused sync is logged and retried with
/// exponential back-off (from <see cref="FirstRetryDelay"/> to <see cref="MaxRetryDelay"/>), sooner if the configuration
/// changes. Several instances may run: a sync is idempotent, so the second one finds nothing to do.
/// </summary>
public sealed partial class StaticRulesSync(
    IServiceProvider services,
    RoutingTables tables,
    IOptions<LiveKitOptions> liveKit,
    IOptions<LiveKitTrunkOptions> trunk,
    TimeProvider clock,
    ILogger<StaticRulesSync> logger) : BackgroundService
{
    /// <summary>How often the worker looks for a new configuration version, a boundary passed or a retry due.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    public static readonly TimeSpan ResyncInterval = TimeSpan.FromMinutes(10);

    public static readonly TimeSpan FirstRetryDelay = TimeSpan.FromSeconds(5);

    public static readonly TimeSpan MaxRetryDelay = TimeSpan.FromMinutes(5);

    private string _warnings = "";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var options = liveKit.Value;
        if (options.Mode != LiveKitMode.Static)
        {
            return;
        }

        if (!options.HasApi)
        {
            Log.NoApi(logger);
            return;
        }

        // Resolved here, not injected: resolving the LiveKit client checks LiveKit:* settings, which other modes may lack.
        var synchronizer = services.GetRequiredService<LiveKitSynchronizer>();
        long? syncedVersion = null;
        RoutingBoundary? boundary = null;
        DateTimeOffset? retryAt = null;
        var lastSync = DateTimeOffset.MinValue;
        var failures = 0;
        using var timer = new PeriodicTimer(PollInterval, clock);
        do
        {
            if (tables.Current is not { } table)
            {
                continue;
            }

            var now = clock.GetUtcNow();
            var due = table.Version != syncedVersion
                || (retryAt is { } retry ? now >= retry : (boundary is { } next && now >= next.At) || now - lastSync >= ResyncInterval);
            if (!due)
            {
                continue;
            }

            try
            {
                (syncedVersion, boundary, var completed) = await SyncAsync(synchronizer, now, stoppingToken);
                if (completed)
                {
                    (failures, retryAt, lastSync) = (0, null, now);
                    continue;
                }
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                syncedVersion = table.Version;
                Log.Failed(logger, exception);
            }

            failures++;
            var delay = TimeSpan.FromTicks(Math.Min(MaxRetryDelay.Ticks, FirstRetryDelay.Ticks << Math.Min(failures - 1, 16)));
            retryAt = now + delay;
            Log.Retrying(logger, delay.TotalSeconds, failures);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>One sync of the configuration in force: its version, the next boundary, and whether LiveKit now holds the wanted rules.</summary>
    private async Task<(long Version, RoutingBoundary? Next, bool Completed)> SyncAsync(LiveKitSynchronizer synchronizer, DateTimeOffset now, CancellationToken cancellationToken)
    {
        StoredConfig stored;
        await using (var scope = services.CreateAsyncScope())
        {
            stored = await scope.ServiceProvider.GetRequiredService<ConfigStore>().LoadAsync(cancellationToken);
        }

        var desired = LiveKitSynchronizer.Desired(stored.Config, LiveKitMode.Static, trunk.Value.ToSettings(), now);
        var outcome = await synchronizer.SyncAsync(desired, cancellationToken);
        var next = RoutingBoundaries.Next(stored.Config, now);
        var warnings = string.Join('\n', outcome.Plan.Warnings);
        if (warnings != _warnings)
        {
            _warnings = warnings;
            foreach (var warning in outcome.Plan.Warnings)
            {
                Log.PlanWarning(logger, warning);
            }
        }

        if (outcome.Completed && outcome.Applied.Count > 0)
        {
            Log.Synced(logger, stored.Version, outcome.Applied.Count, next?.At, next?.Reason ?? "none");
        }
        else if (outcome.Completed)
        {
            Log.AlreadyInSync(logger, stored.Version);
        }

        return (stored.Version, next, outcome.Completed);
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Static dispatch rules match configuration version {Version} ({Changes} changes made); next routing boundary {NextAt:O} ({Reason})")]
        public static partial void Synced(ILogger logger, long version, int changes, DateTimeOffset? nextAt, string reason);

        [LoggerMessage(2, LogLevel.Warning, "Static dispatch rules could not be synced with LiveKit")]
        public static partial void Failed(ILogger logger, Exception exception);

        [LoggerMessage(3, LogLevel.Warning, "Static dispatch rules: retrying in {DelaySeconds:0} s (failure {Failures} in a row)")]
        public static partial void Retrying(ILogger logger, double delaySeconds, int failures);

        [LoggerMessage(4, LogLevel.Warning, "Static dispatch rules: {Warning}")]
        public static partial void PlanWarning(ILogger logger, string warning);

        [LoggerMessage(5, LogLevel.Warning, "LiveKit:Mode is static but LiveKit:Url, ApiKey and ApiSecret are not all set: LiveKit's dispatch rules are not kept in sync")]
        public static partial void NoApi(ILogger logger);

        [LoggerMessage(6, LogLevel.Debug, "Static dispatch rules already match configuration version {Version}")]
        public static partial void AlreadyInSync(ILogger logger, long version);
    }
}
