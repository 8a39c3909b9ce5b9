using Switchboard.Core.Configuration;

namespace Switchboard.Core.LiveKitSync;

/// <summary>
/// What a sync would change in LiveKit, in the order to apply it (<see cref="LiveKitSyncPlanner"/>). A plan with
/// <see cref="Errors"/> must not be applied: LiveKit would refuse part of it. <see cref="Warnings"/> never block.
/// </summary>
public sealed record LiveKitSyncPlan(IReadOnlyList<SyncStep> Steps, IReadOnlyList<ConfigError> Errors, IReadOnlyList<string> Warnings)
{
    public bool IsValid => Errors.Count == 0;

    /// <summary>LiveKit already holds what Switchboard wants: nothing to change, nothing refused.</summary>
    public bool InSync => IsValid && Steps.Count == 0;
}
