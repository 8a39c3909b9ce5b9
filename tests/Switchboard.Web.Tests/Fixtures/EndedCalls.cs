using System.Collections.Concurrent;
using Switchboard.Core.Lifecycle;

namespace Switchboard.Web.Tests.Fixtures;

/// <summary>A call-ended handler that remembers every signal, so tests can count them per call.</summary>
public sealed class EndedCalls : ICallEndedHandler
{
    private readonly ConcurrentQueue<CallEnded> _ended = new();

    public IReadOnlyList<CallEnded> Of(string callId) => [.. _ended.Where(e => e.CallId == callId)];

    public Task HandleAsync(CallEnded ended, CancellationToken cancellationToken)
    {
        _ended.Enqueue(ended);
        return Task.CompletedTask;
    }
}
