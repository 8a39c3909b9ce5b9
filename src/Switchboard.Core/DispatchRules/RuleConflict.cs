namespace Switchboard.Core.DispatchRules;

/// <summary>A rule that claims what an earlier one already claims; <paramref name="Index"/> is the later rule's place in its list.</summary>
internal sealed record RuleConflict(int Index, DispatchRule Rule, DispatchRule Existing, string Message);
