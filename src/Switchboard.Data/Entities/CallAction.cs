namespace Switchboard.Data.Entities;

/// <summary>
/// Something Switchboard must do to a call in LiveKit (dispatch its agent, hang up a rejected caller), or check at a
/// deadline. A durable job: it survives restarts, is leased by one worker at a time across instances, and is retried
/// with backoff until done or given up.
/// </summary>
public sealed class CallAction
{
    public Guid Id { get; set; }

    /// <summary>LiveKit's SIP call id. With <see cref="Kind"/>, unique: a call gets each kind of action once.</summary>
    public required string CallId { get; set; }

    /// <summary>See <c>CallActionKinds</c>.</summary>
    public required string Kind { get; set; }

    /// <summary><c>pending</c>, <c>done</c>, <c>failed</c> or <c>cancelled</c>.</summary>
    public required string State { get; set; }

    public DateTime DueAtUtc { get; set; }

    public int Attempts { get; set; }

    /// <summary>The worker holding the action, while <see cref="LeaseUntilUtc"/> is in the future.</summary>
    public string? LeaseOwner { get; set; }

    public DateTime? LeaseUntilUtc { get; set; }

    /// <summary>What the action needs (room, identity, agent, metadata), a JSON object.</summary>
    public required string DataJson { get; set; }

    /// <summary>What it produced (e.g. the dispatch id), a JSON object, once done.</summary>
    public string? ResultJson { get; set; }

    public string? LastError { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public DateTime? CompletedAtUtc { get; set; }
}
