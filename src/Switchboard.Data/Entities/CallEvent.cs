namespace Switchboard.Data.Entities;

/// <summary>One entry of a call's timeline (<c>routed</c>, <c>rejected</c>, <c>duplicate_conflict</c>, …).</summary>
public sealed class CallEvent
{
    public Guid Id { get; set; }

    public Guid CallRowId { get; set; }

    public required string Type { get; set; }

    public DateTime OccurredAtUtc { get; set; }

    /// <summary>Event details as a JSON object, or null.</summary>
    public string? DataJson { get; set; }
}
