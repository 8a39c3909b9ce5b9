namespace Switchboard.Web.LiveKitEvents;

/// <summary>What became of one LiveKit event.</summary>
public enum EventOutcome
{
    /// <summary>Applied to the calls of its room.</summary>
    Applied,

    /// <summary>Its id was seen before: nothing written.</summary>
    Duplicate,

    /// <summary>An event that moves no call on (egress, ingress, video tracks, …).</summary>
    Ignored,

    /// <summary>It names a call that could not be routed because no routing table was ever loaded; LiveKit should retry.</summary>
    Unavailable,
}
