using Microsoft.Extensions.Options;
using Switchboard.Web.Hosting;

namespace Switchboard.Web.Routing;

/// <summary>
/// Refuses, on start, tokens too short to be secret or unsafe in a URL path, and allowlist entries that are not addresses. Errors
/// name the setting by index and never quote a token.
/// </summary>
public sealed class DynamicDispatchOptionsValidation : IValidateOptions<SwitchboardOptions>
{
    /// <summary>32 characters: 128 bits as hex, the least a guessable-by-nobody URL should carry.</summary>
    public const int MinTokenLength = 32;

    public ValidateOptionsResult Validate(string? name, SwitchboardOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.DynamicDispatch;
        var failures = new List<string>();
        for (var i = 0; i < settings.Tokens.Count; i++)
        {
            if (!IsToken(settings.Tokens[i]))
            {
                failures.Add($"Switchboard:DynamicDispatch:Tokens:{i} must be at least {MinTokenLength} characters of A-Z a-z 0-9 - _ . ~ "
                    + "(for example the output of `openssl rand -hex 32`).");
            }
        }

        SourceAllowlist.TryParse(settings.AllowedSources, out var errors);
        failures.AddRange(errors.Select(e => $"Switchboard:DynamicDispatch:AllowedSources: {e}"));
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>Long enough, and made only of characters a URL path carries unescaped (RFC 3986 unreserved), so LiveKit and proxies pass it through unchanged.</summary>
    private static bool IsToken(string? token) =>
        token is { Length: >= MinTokenLength } && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~');
}
