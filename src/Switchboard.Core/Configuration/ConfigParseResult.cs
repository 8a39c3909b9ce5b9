using System.Diagnostics.CodeAnalysis;

namespace Switchboard.Core.Configuration;

/// <summary>
/// The outcome of <see cref="ConfigParser.Parse"/>: either a whole, validated configuration or every problem found.
/// Never both: a document with one error yields no configuration.
/// </summary>
public sealed class ConfigParseResult
{
    private ConfigParseResult(SwitchboardConfig? config, IReadOnlyList<ConfigError> errors)
    {
        Config = config;
        Errors = errors;
    }

    /// <summary>The configuration, or null when the document has errors.</summary>
    public SwitchboardConfig? Config { get; }

    /// <summary>Every problem, each with its path, in document order; empty when valid.</summary>
    public IReadOnlyList<ConfigError> Errors { get; }

    [MemberNotNullWhen(true, nameof(Config))]
    public bool IsValid => Config is not null;

    public static ConfigParseResult Valid(SwitchboardConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return new(config, []);
    }

    public static ConfigParseResult Invalid(IReadOnlyList<ConfigError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        ArgumentOutOfRangeException.ThrowIfZero(errors.Count);
        return new(null, errors);
    }
}
