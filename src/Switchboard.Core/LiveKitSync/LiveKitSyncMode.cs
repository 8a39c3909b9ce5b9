namespace Switchboard.Core.LiveKitSync;

/// <summary>Which dispatch rules Switchboard keeps in LiveKit: the choice <c>LiveKit:Mode</c> makes (docs/livekit.md, "Three ways to connect").</summary>
public enum LiveKitSyncMode
{
    /// <summary>One catch-all rule without agents: each caller gets a room, and Switchboard dispatches the agent when the caller joins.</summary>
    Events,

    /// <summary>One rule per dialed number, naming the agent the router picks now: LiveKit dispatches, Switchboard is off the call path.</summary>
    Static,

    /// <summary>As <see cref="Events"/>: routing webhooks decide, and the agent is dispatched when the caller joins.</summary>
    Webhook,

    /// <summary>
    /// <see cref="Events"/>' catch-all plus <see cref="Static"/>'s rule per number: what the failover guard puts in LiveKit while
    /// Switchboard is down. A number filter outranks the catch-all (livekit.md §4.4), so configured numbers get their agent from
    /// LiveKit, and the catch-all, there throughout, still takes any other call to the trunk.
    /// </summary>
    Failover,
}
