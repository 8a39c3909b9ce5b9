namespace Switchboard.Core.Lifecycle;

/// <summary>What a participant in a call's room is, as far as the call's lifecycle cares.</summary>
public enum ParticipantRole
{
    /// <summary>Not known: LiveKit fills only sid and identity on track events.</summary>
    Unknown,

    /// <summary>A phone leg bridged in by LiveKit SIP (kind <c>SIP</c>).</summary>
    Sip,

    /// <summary>An agent worker (kind <c>AGENT</c>).</summary>
    Agent,

    /// <summary>Anyone else (a browser, egress, …).</summary>
    Other,
}
