namespace Switchboard.Data;

/// <summary>
/// Lets one EF write transaction of the call lifecycle in at a time where the database takes one writer anyway (SQLite):
/// waiting here is a queue, while concurrent SQLite writers spin on the busy handler and lengthen the tail. Open for
/// PostgreSQL, which handles concurrent writers itself. (The routing webhook's writes queue in their own recorder.)
/// </summary>
public sealed class WriteGate(bool serialize) : IDisposable
{
    private readonly SemaphoreSlim? _semaphore = serialize ? new SemaphoreSlim(1, 1) : null;

    public async ValueTask<Entry> EnterAsync(CancellationToken cancellationToken)
    {
        if (_semaphore is not null)
        {
            await _semaphore.WaitAsync(cancellationToken);
        }

        return new Entry(_semaphore);
    }

    public void Dispose() => _semaphore?.Dispose();

    /// <summary>Leaves the gate when disposed.</summary>
    public readonly struct Entry(SemaphoreSlim? semaphore) : IDisposable
    {
        public void Dispose() => semaphore?.Release();
    }
}
