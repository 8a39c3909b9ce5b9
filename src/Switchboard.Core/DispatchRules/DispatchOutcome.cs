namespace Switchboard.Core.DispatchRules;

/// <summary>What LiveKit does with the call.</summary>
public enum DispatchOutcome
{
    /// <summary>Join the room: the bridge keeps ringing, then answers.</summary>
    Accept,

    /// <summary>Answer and ask for the PIN, then evaluate again with it.</summary>
    RequestPin,

    /// <summary>No dispatch rule matched: the INVITE is dropped (logged as a 486 "flood").</summary>
    Drop,

    /// <summary>Conflicting trunks or rules: the bridge answers 503.</summary>
    Error,
}
