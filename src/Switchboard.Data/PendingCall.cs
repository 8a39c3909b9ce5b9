namespace Switchboard.Data;

/// <summary>
/// A call queued for a <see cref="GroupCommitRecorder"/>: its outcome is noted when its statements have run, and handed to
/// the caller only once the transaction holding them has committed (or its failure, if the call or the commit failed).
/// </summary>
internal sealed class PendingCall(CallWrite write)
{
    private RecordOutcome? _outcome;
    private Exception? _failure;

    public CallWrite Write { get; } = write;

    public TaskCompletionSource<RecordOutcome> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Written(RecordOutcome outcome) => _outcome = outcome;

    /// <summary>Fails the call; a call that failed on its own keeps its own failure.</summary>
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
