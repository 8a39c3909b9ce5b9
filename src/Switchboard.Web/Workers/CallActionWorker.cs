using Microsoft.Extensions.Options;
using Switchboard.Data;
using Switchboard.Web.LiveKitEvents;

namespace Switchboard.Web.Workers;

/// <summary>
/// Runs due call actions (<see cref="CallActionRunner"/>): woken at once when this process queues one, and polling every
/// second for the rest (retries, actions queued by another instance, leases a crashed worker left behind). Runs only
/// when Switchboard acts on joins (<see cref="LiveKitOptions.ActsOnJoin"/>).
/// </summary>
public sealed partial class CallActionWorker(
    IServiceScopeFactory scopes, CallActionSignal signal, IOptions<LiveKitOptions> liveKit, TimeProvider clock, ILogger<CallActionWorker> logger) : BackgroundService
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan Lease = TimeSpan.FromSeconds(60);
    private const int Batch = 32;

    private readonly string _owner = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!liveKit.Value.ActsOnJoin)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            var leased = 0;
            try
            {
                leased = await RunDueAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                Log.ScanFailed(logger, ex);
            }

            if (leased < Batch)
            {
                try
                {
                    await signal.WaitAsync(PollInterval, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>Leases the due actions and runs them concurrently, each in its own scope; the number leased.</summary>
    public async Task<int> RunDueAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<Data.Entities.CallAction> due;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var now = clock.GetUtcNow().UtcDateTime;
            due = await scope.ServiceProvider.GetRequiredService<CallActionStore>().LeaseAsync(_owner, now, now.Add(Lease), Batch, cancellationToken);
        }

        await Task.WhenAll(due.Select(async action =>
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<CallActionRunner>().RunAsync(action, cancellationToken);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                Log.ActionFailed(logger, action.Kind, action.CallId, ex);     // its lease runs out and it is tried again
            }
        }));
        return due.Count;
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Error, "Could not scan for due call actions")]
        public static partial void ScanFailed(ILogger logger, Exception exception);

        [LoggerMessage(2, LogLevel.Error, "Call {CallId}: {Kind} failed unexpectedly; retried when its lease runs out")]
        public static partial void ActionFailed(ILogger logger, string kind, string callId, Exception exception);
    }
}
