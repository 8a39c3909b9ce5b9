using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace Switchboard.LiveKit.Api;

/// <summary>
/// The LiveKit client's pipeline, outermost first: a timeout for the whole call, retries with exponential back-off and jitter
/// (transport errors, timeouts, 408, 429, 5xx but 501; only for calls whose <see cref="TwirpCallBudget.Retryable"/> is set),
/// and a timeout per attempt. Twirp is all POST, so the usual "never retry unsafe methods" switch cannot tell a List from a
/// Create; the budget on each request does.
/// </summary>
internal static class TwirpResilience
{
    public const string PipelineName = "livekit-api";

    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> pipeline, ResilienceHandlerContext context)
    {
        var options = context.ServiceProvider.GetRequiredService<IOptions<LiveKitApiOptions>>().Value;

        // Timeouts and back-off measure real network waits, so they run on the system clock even when the host's
        // TimeProvider is another one (a test's fake clock jumping a watchdog deadline must not time out a call in flight).
        pipeline.TimeProvider = TimeProvider.System;
        pipeline.AddTimeout(new HttpTimeoutStrategyOptions
        {
            Name = "Total",
            TimeoutGenerator = args => ValueTask.FromResult(BudgetOf(args.Context)?.Total ?? options.TotalTimeout),
        });
        if (options.MaxRetries > 0)
        {
            pipeline.AddRetry(new HttpRetryStrategyOptions
            {
                Name = "Retry",
                MaxRetryAttempts = options.MaxRetries,
                Delay = options.RetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = args => ValueTask.FromResult(
                    BudgetOf(args.Context)?.Retryable == true
                    && args.Outcome.Result?.StatusCode != HttpStatusCode.NotImplemented
                    && HttpClientResiliencePredicates.IsTransient(args.Outcome)),
            });
        }

        pipeline.AddTimeout(new HttpTimeoutStrategyOptions
        {
            Name = "Attempt",
            TimeoutGenerator = args => ValueTask.FromResult(BudgetOf(args.Context)?.Attempt ?? options.AttemptTimeout),
        });
    }

    private static TwirpCallBudget? BudgetOf(ResilienceContext context) =>
        context.GetRequestMessage()?.Options.TryGetValue(TwirpClient.BudgetKey, out var budget) == true ? budget : null;
}
