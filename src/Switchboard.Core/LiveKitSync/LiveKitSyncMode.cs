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
}
