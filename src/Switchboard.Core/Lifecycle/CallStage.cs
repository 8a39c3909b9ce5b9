namespace Switchboard.Core.Lifecycle;

/// <summary>How far a call has come. Stored as snake_case (<c>in_room</c>, <c>agent_joined</c>, …).</summary>
public enum CallStage
{
    /// <summary>Decided, not yet seen in a LiveKit room.</summary>
    Routed,

    /// <summary>The caller's SIP participant joined the room (the caller hears ringing).</summary>
    InRoom,

    /// <summary>An agent joined the room.</summary>
    AgentJoined,

    /// <summary>Another participant (normally the agent) published audio, so the SIP bridge answered the call.</summary>
    Answered,

    /// <summary>The caller left, or the room closed.</summary>
    Ended,
}
