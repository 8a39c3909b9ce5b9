namespace Switchboard.Core.DispatchRules;

/// <summary>How the inbound trunk was chosen (step A).</summary>
public enum TrunkMatch
{
    /// <summary>No trunk accepts the call: LiveKit (open source) goes on with only rules without <c>trunk_ids</c>; LiveKit Cloud answers 404.</summary>
    None,

    /// <summary>A trunk listing the dialed number.</summary>
    Specific,

    /// <summary>The one trunk without numbers that accepts the call.</summary>
    Default,

    /// <summary>More than one trunk matched: an error.</summary>
    Conflict,
}
