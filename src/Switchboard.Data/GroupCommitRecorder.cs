using System.Threading.Channels;

namespace Switchboard.Data;

/// <summary>
/// Group commit: calls queue, and each writer takes every call waiting (up to <see cref="MaxBatch"/>) and writes them in
/// one transaction. Under load a transaction carries many calls, so the database commits (and the service round-trips)
/// far less than once per call; with one call waiting, a transaction carries one call and adds no wait. A caller is
/// answered once its transaction has committed. Stopping drains the queue: calls already queued are written.
/// </summary>
public abstract class GroupCommitRecorder : CallRecorder, IAsyncDisposable, IDisposable
{
    /// <summary>The most calls one transaction writes: enough to carry a burst, few enough to keep the first caller's wait short.</summary>
    public const int MaxBatch = 64;

    private readonly Channel<PendingCall> _queue = Channel.CreateUnbounded<PendingCall>();
    private Task _writers = Task.CompletedTask;

    public override async Task<RecordOutcome> RecordAsync(CallWrite write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(write);
        write.Validate();
        var pending = new PendingCall(write);
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new ObjectDisposedException(GetType().Name, "The service is stopping: no more calls are recorded.");
        }

        return await pending.Completion.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Stops taking calls, writes those already queued, and closes the writers' connections.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writers;
        GC.SuppressFinalize(this);
    }

    /// <inheritdoc cref="DisposeAsync"/>
    public void Dispose()
    {
        _queue.Writer.TryComplete();
        _writers.GetAwaiter().GetResult();
        GC.SuppressFinalize(this);
    }

    /// <summary>Starts <paramref name="writers"/> writers; called once by the constructor of the provider's recorder.</summary>
    protected void Start(int writers) => _writers = Task.WhenAll(Enumerable.Range(0, writers).Select(_ => Task.Run(WriteAsync)));

    /// <summary>
    /// Writes the batch in one transaction, noting each call's outcome (<see cref="PendingCall.Written"/>) or its own failure
    /// (<see cref="PendingCall.Fail"/>); throws when the transaction as a whole fails.
    /// </summary>
    internal abstract Task WriteBatchAsync(IReadOnlyList<PendingCall> batch);

    /// <summary>Called when a writer stops, to close what it holds.</summary>
    internal virtual void WriterStopped()
    {
    }

    private async Task WriteAsync()
    {
        var batch = new List<PendingCall>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var pending))
            {
                batch.Add(pending);
            }

            if (batch.Count == 0)
            {
                continue;   // another writer took them
            }

            try
            {
                await WriteBatchAsync(batch);
            }
            catch (Exception ex)
            {
                // The transaction is gone: nothing in it was written.
                foreach (var pending in batch)
                {
                    pending.Fail(ex);
                }
            }

            foreach (var pending in batch)
            {
                pending.Complete();
            }
        }

        WriterStopped();
    }
}
