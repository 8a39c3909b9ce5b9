namespace Switchboard.Core.DispatchRules;

/// <summary>
/// LiveKit's inbound SIP trunks and dispatch rules, as LiveKit stores them: what <c>lk sip inbound list --json</c> and
/// <c>lk sip dispatch list --json</c> print. Read and written by <see cref="LiveKitRulesJson"/>, matched by
/// <see cref="DispatchRuleMatcher"/>. Schema-valid but not necessarily free of conflicts: see <see cref="LiveKitRulesValidation"/>.
/// </summary>
/// <remarks>Lists keep the order they were written in; matching sorts by id itself.</remarks>
public sealed record LiveKitRules(IReadOnlyList<InboundTrunk> Trunks, IReadOnlyList<DispatchRule> DispatchRules)
{
    public static LiveKitRules Empty { get; } = new([], []);

    public bool IsEmpty => Trunks.Count == 0 && DispatchRules.Count == 0;
}
