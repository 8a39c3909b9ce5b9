namespace Switchboard.Web;

/// <summary>How Switchboard connects to LiveKit (<c>LiveKit:Mode</c>); see docs/livekit.md for the trade-offs.</summary>
public enum LiveKitMode
{
    /// <summary>
    /// A catch-all dispatch rule without agents puts each caller in a room; on the caller's join Switchboard routes and
    /// acts through LiveKit's API (dispatch the agent, or hang up). Works with released LiveKit. The default.
    /// </summary>
    Events,

    /// <summary>Switchboard compiles its configuration into LiveKit dispatch rules with agents; LiveKit dispatches, Switchboard logs.</summary>
    Static,

    /// <summary>Synchronous routing webhooks (experimental); an accepted call's agent is still dispatched when the caller joins.</summary>
    Webhook,
}
