using System.Text.RegularExpressions;

namespace Switchboard.Core.Configuration;

/// <summary>
/// How plain (unquoted) scalars are read, after the YAML 1.2 core schema but narrower: a number is only what JSON calls a
/// number, so <c>02134</c> or <c>0x1F</c> stay strings and never lose a digit, and <c>yes</c>/<c>no</c>/<c>on</c>/<c>off</c>
/// stay strings (YAML 1.1's "Norway problem").
/// </summary>
internal static partial class ConfigScalars
{
    public static bool IsNull(string value) => value is "" or "~" or "null" or "Null" or "NULL";

    public static bool TryBool(string value, out bool result)
    {
        (var known, result) = value switch
        {
            "true" or "True" or "TRUE" => (true, true),
            "false" or "False" or "FALSE" => (true, false),
            _ => (false, false),
        };
        return known;
    }

    public static bool IsJsonNumber(string value) => value.Length <= 1000 && JsonNumber().IsMatch(value);

    /// <summary>
    /// Whether a string must be quoted to be read back as a string, here or by another YAML reader: anything that could
    /// resolve to null, a boolean, a number or a timestamp under YAML 1.1 or 1.2.
    /// </summary>
    public static bool NeedsQuotes(string value) =>
        value.Length == 0
        || IsNull(value)
        || TryBool(value, out _)
        || Yaml11Word().IsMatch(value)
        || char.IsAsciiDigit(value[0])
        || value[0] == '.'
        || (value[0] is '+' or '-' && value.Length > 1 && (char.IsAsciiDigit(value[1]) || value[1] is '.'));

    [GeneratedRegex(@"^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex JsonNumber();

    [GeneratedRegex("^(?:y|n|yes|no|on|off)$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Yaml11Word();
}
