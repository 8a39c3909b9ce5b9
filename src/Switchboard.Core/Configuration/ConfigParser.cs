using System.Text;

namespace Switchboard.Core.Configuration;

/// <summary>
/// Reads a configuration document (YAML, or the same document as JSON) into a validated <see cref="SwitchboardConfig"/>.
/// Validates the whole document and reports every error with its path, such as
/// <c>tenants[1].numbers[0].number: not a valid phone number</c>. Never throws for bad input.
/// </summary>
/// <remarks>
/// Strict: unknown keys, duplicate keys and wrong types are errors, so a typo cannot pass silently. Plain scalars in
/// <c>metadata</c> that JSON would read as null, a boolean or a number become one; quoted ones stay strings.
/// </remarks>
public static class ConfigParser
{
    /// <summary>Largest document accepted, in UTF-8 bytes: callers reading a file can check its length first.</summary>
    public const int MaxDocumentBytes = 10 * 1024 * 1024;

    public static ConfigParseResult Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);

        // Length first: a UTF-16 code unit is at least one UTF-8 byte, so this spares counting a huge string.
        if (text.Length > MaxDocumentBytes || Encoding.UTF8.GetByteCount(text) > MaxDocumentBytes)
        {
            return ConfigParseResult.Invalid([new ConfigError("$", "the document is larger than 10 MiB")]);
        }

        // A byte order mark survives decoding when a caller decodes without stripping it; it is not part of the document.
        if (ConfigDocument.TryLoad(text.StartsWith('\uFEFF') ? text[1..] : text, out var root) is { } syntaxError)
        {
            return ConfigParseResult.Invalid([syntaxError]);
        }

        var reader = new ConfigReader();
        var config = reader.Read(root);
        return reader.Errors.Count == 0 ? ConfigParseResult.Valid(config) : ConfigParseResult.Invalid(reader.Errors);
    }
}
