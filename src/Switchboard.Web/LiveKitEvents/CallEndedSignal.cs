using Switchboard.Core.Lifecycle;

namespace Switchboard.Web.LiveKitEvents;

/// <summary>
/// Calls every <see cref="ICallEndedHandler"/> once per ended call, after the end is committed. A handler that fails is
/// logged and skipped: it neither stops the others nor changes the webhook's answer (the end is already stored, with its
/// <c>ended</c> timeline entry, for anything that must not miss it).
/// </summary>
public sealed partial class CallEndedSignal(IEnumerable<ICallEndedHandler> handlers, ILogger<CallEndedSignal> logger)
{
    private readonly ICallEndedHandler[] _handlers = [.. handlers];

    public async Task RaiseAsync(IReadOnlyList<CallEnded> ended, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ended);
        foreach (var call in ended)
        {
            Log.Ended(logger, call.CallId, call.Outcome.Code());
            foreach (var handler in _handlers)
            {
                try
                {
                    await handler.HandleAsync(call, cancellationToken);
                }
                catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
                {
                    Log.HandlerFailed(logger, handler.GetType().Name, call.CallId, ex);
                }
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Call {CallId} ended: {Outcome}")]
        public static partial void Ended(ILogger logger, string callId, string outcome);

        [LoggerMessage(2, LogLevel.Error, "Call-ended handler {Handler} failed for call {CallId}")]
        public static partial void HandlerFailed(ILogger logger, string handler, string callId, Exception exception);
    }
}
