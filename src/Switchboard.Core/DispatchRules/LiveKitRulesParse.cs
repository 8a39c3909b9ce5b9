using System.Diagnostics.CodeAnalysis;
using Switchboard.Core.Configuration;

namespace Switchboard.Core.DispatchRules;

/// <summary>The outcome of <see cref="LiveKitRulesJson.Parse"/>: the rules, or every error with its path. Never both.</summary>
public sealed class LiveKitRulesParse
{
    private LiveKitRulesParse(LiveKitRules? rules, IReadOnlyList<ConfigError> errors)
    {
        Rules = rules;
        Errors = errors;
    }

    public LiveKitRules? Rules { get; }

    public IReadOnlyList<ConfigError> Errors { get; }

    [MemberNotNullWhen(true, nameof(Rules))]
    public bool IsValid => Rules is not null;

    internal static LiveKitRulesParse Of(LiveKitRules rules, IReadOnlyList<ConfigError> errors) =>
        errors.Count == 0 ? new(rules, []) : new(null, errors);
}
