namespace Switchboard.LiveKit.Api;

/// <summary>Twirp error codes (livekit.md §3.3). LiveKit reports a missing grant as <see cref="Unauthenticated"/>.</summary>
public enum TwirpErrorCode
{
    /// <summary>A code this client does not know, or Twirp's <c>unknown</c>.</summary>
    Unknown,
    Canceled,
    InvalidArgument,
    Malformed,
    DeadlineExceeded,
    NotFound,
    BadRoute,
    AlreadyExists,
    PermissionDenied,
    Unauthenticated,
    ResourceExhausted,
    FailedPrecondition,
    Aborted,
    OutOfRange,
    Unimplemented,
    Internal,
    Unavailable,
    DataLoss,
}
