namespace Switchboard.Web.LiveKitEvents;

/// <summary>Wakes the <see cref="Workers.CallActionWorker"/> when an action is queued in this process, so it need not wait for its next poll.</summary>
public sealed class CallActionSignal : IDisposable
{
    private readonly SemaphoreSlim _pending = new(0, 1);

    public void Notify()
    {
        try
        {
            _pending.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled: the worker will look once for everything queued meanwhile.
        }
    }

    /// <summary>Waits for a notification or the timeout, whichever comes first.</summary>
    public Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _pending.WaitAsync(timeout, cancellationToken);

    public void Dispose() => _pending.Dispose();
}
