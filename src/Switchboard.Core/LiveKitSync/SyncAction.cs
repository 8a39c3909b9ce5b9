namespace Switchboard.Core.LiveKitSync;

/// <summary>What one step of a <see cref="LiveKitSyncPlan"/> does to a managed object.</summary>
public enum SyncAction
{
    Create,

    /// <summary>Replaces the whole object (LiveKit's <c>replace</c> form), keeping its id.</summary>
    Update,

    Delete,
}
