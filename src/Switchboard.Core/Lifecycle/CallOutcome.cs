namespace Switchboard.Core.Lifecycle;

/// <summary>How an ended call turned out. Stored as snake_case.</summary>
public enum CallOutcome
{
    /// <summary>Answered before the caller left, and not ended by a failure.</summary>
    Completed,

    /// <summary>Never answered: the caller hung up (or the room closed) while it was still ringing.</summary>
    Abandoned,

    /// <summary>Ended by one of <see cref="CallTimeline.FailureReasons"/>, answered or not.</summary>
    Failed,

    /// <summary>Switchboard rejected the call; it ended without being answered.</summary>
    Rejected,
}
