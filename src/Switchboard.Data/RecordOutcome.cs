namespace Switchboard.Data;

/// <summary>
/// The answer stored for a call. <see cref="Replayed"/> when the call id had been recorded before (a retry
/// or a concurrent duplicate): nothing new was written. <see cref="Conflict"/> when that earlier request
/// had other numbers.
/// </summary>
public sealed record RecordOutcome(string ResponseJson, bool Replayed, bool Conflict);
