using Switchboard.Core.Lifecycle;

namespace Switchboard.Data;

/// <summary>What applying one LiveKit event did.</summary>
/// <param name="Duplicate">The event id was seen before: nothing was written.</param>
/// <param name="CallsUpdated">Calls whose lifecycle the event moved.</param>
/// <param name="Ended">Calls whose end was recorded now (each exactly once, across retries and instances).</param>
public sealed record TrackResult(bool Duplicate, int CallsUpdated, IReadOnlyList<CallEnded> Ended)
{
    public static TrackResult AlreadySeen { get; } = new(true, 0, []);
}
