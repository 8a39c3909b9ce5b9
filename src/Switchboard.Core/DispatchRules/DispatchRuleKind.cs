namespace Switchboard.Core.DispatchRules;

/// <summary>The member of LiveKit's <c>SIPDispatchRule</c> oneof a rule sets: how it names the room.</summary>
public enum DispatchRuleKind
{
    /// <summary><c>dispatch_rule_direct</c>: every call joins the room <c>room_name</c>.</summary>
    Direct,

    /// <summary><c>dispatch_rule_individual</c>: one room per call, named after the caller.</summary>
    Individual,

    /// <summary><c>dispatch_rule_callee</c>: one room per dialed number.</summary>
    Callee,
}
