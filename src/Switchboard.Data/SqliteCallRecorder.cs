using System.Threading.Channels;

namespace Switchboard.Data;

/// <summary>
/// The hot path on SQLite, which takes one writer at a time: group commit. Calls queue for a single writer that holds its
/// own connection and prepared statements, and writes every call waiting (up to <see cref="MaxBatch"/>) in one transaction,
/// each inside a savepoint so a call that fails or repeats a recorded call id is undone alone. Callers get their answers
/// once the transaction has committed; if the commit fails, every call in it fails (and is answered degraded).
/// </summary>
public sealed class SqliteCallRecorder : CallRecorder, IAsyncDisposable, IDisposable
{
    /// <summary>The most calls one transaction writes: enough to carry a burst, few enough to keep the first caller's wait short.</summary>
    public const int MaxBatch = 64;

    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly string _connectionString;
    private readonly int _timeoutSeconds;
    private readonly Task _writer;

    public SqliteCallRecorder(string connectionString, DatabaseOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _connectionString = connectionString;
        _timeoutSeconds = options.CommandTimeoutSeconds;
        _writer = Task.Run(WriteAsync);
    }

    public override async Task<RecordOutcome> RecordAsync(CallWrite write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(write);
        write.Validate();
        var pending = new Pending(write);
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new ObjectDisposedException(nameof(SqliteCallRecorder), "The service is stopping: no more calls are recorded.");
        }

        return await pending.Completion.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Stops taking calls, writes those already queued, and closes the connection.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writer;
    }

    /// <inheritdoc cref="DisposeAsync"/>
    public void Dispose()
    {
        _queue.Writer.TryComplete();
        _writer.GetAwaiter().GetResult();
    }

    private async Task WriteAsync()
    {
        var batch = new List<Pending>(MaxBatch);
        SqliteCallSession? session = null;
        while (await _queue.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var pending))
            {
                batch.Add(pending);
            }

            try
            {
                session ??= SqliteCallSession.Open(_connectionString, _timeoutSeconds);
                session.Write(batch);
            }
            catch (Exception ex)
            {
                // The transaction is gone: nothing in it was written. A fresh connection serves the next batch.
                foreach (var pending in batch)
                {
                    pending.Fail(ex);
                }

                session?.Dispose();
                session = null;
            }

            foreach (var pending in batch)
            {
                pending.Complete();
            }
        }

        session?.Dispose();
    }

    /// <summary>A queued call: its outcome is set when its savepoint is released, and handed over once the transaction commits.</summary>
    internal sealed class Pending(CallWrite write)
    {
        private RecordOutcome? _outcome;
        private Exception? _failure;

        public CallWrite Write { get; } = write;

        public TaskCompletionSource<RecordOutcome> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Written(RecordOutcome outcome) => _outcome = outcome;

        public void Fail(Exception exception) => _failure ??= exception;

        public void Complete()
        {
            if (_failure is not null)
            {
                Completion.TrySetException(_failure);
            }
            else if (_outcome is not null)
            {
                Completion.TrySetResult(_outcome);
            }
            else
            {
                Completion.TrySetException(new InvalidOperationException("The call was not written."));
            }
        }
    }
}
