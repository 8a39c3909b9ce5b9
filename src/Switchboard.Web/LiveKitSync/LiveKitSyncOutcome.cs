using Switchboard.Core.Configuration;
using Switchboard.Core.LiveKitSync;

namespace Switchboard.Web.LiveKitSync;

/// <summary>
/// What <see cref="LiveKitSynchronizer.SyncAsync"/> did: the plan it first made (what a dry run shows), the steps it applied
/// (creates carry the id LiveKit gave), and, when it stopped short, the refusals of the plan that stopped it.
/// </summary>
public sealed record LiveKitSyncOutcome(LiveKitSyncPlan Plan, IReadOnlyList<SyncStep> Applied, IReadOnlyList<ConfigError> Errors)
{
    /// <summary>LiveKit now holds what Switchboard wants.</summary>
    public bool Completed => Errors.Count == 0;
}
