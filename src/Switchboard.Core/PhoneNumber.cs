using System.Diagnostics.CodeAnalysis;
using PhoneNumbers;

namespace Switchboard.Core;

/// <summary>A phone number in E.164 form. To hold one, you must have parsed one.</summary>
public sealed record PhoneNumber
{
    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    private PhoneNumber(string e164) => Value = e164;

    /// <summary>E.164 with the leading <c>+</c>, e.g. <c>+18005550100</c>.</summary>
    public string Value { get; }

    /// <summary>The only form logs may show.</summary>
    public string Redacted => Value.Length >= 10 ? $"{Value[..3]}…{Value[^4..]}" : $"{Value[..3]}…{Value[^2..]}";

    public const string DefaultRegion = "US";

    /// <summary>
    /// Parses a number in any common format: E.164 with or without <c>+</c>, national format for
    /// <paramref name="defaultRegion"/>, or a <c>sip:</c>/<c>tel:</c> URI. Accepts every number
    /// libphonenumber deems <em>possible</em> (right length for its country), not only numbers it
    /// deems valid: fictional 555 numbers and newly opened ranges must route.
    /// </summary>
    public static bool TryParse(string? text, string defaultRegion, [NotNullWhen(true)] out PhoneNumber? number)
    {
        number = Normalize(text, defaultRegion) is { } e164 ? new PhoneNumber(e164) : null;
        return number is not null;
    }

    public static bool TryParse(string? text, [NotNullWhen(true)] out PhoneNumber? number) =>
        TryParse(text, DefaultRegion, out number);

    public static PhoneNumber Parse(string text, string defaultRegion = DefaultRegion) =>
        TryParse(text, defaultRegion, out var number) ? number : throw new FormatException("Not a valid phone number.");

    public static bool IsKnownRegion(string? region) =>
        region is not null && Util.GetSupportedRegions().Contains(region.ToUpperInvariant());

    public override string ToString() => Value;

    private static string? Normalize(string? text, string defaultRegion)
    {
        defaultRegion = defaultRegion.ToUpperInvariant();
        var candidate = StripUri(text);
        if (candidate is null || !LooksLikeNumber(candidate))
        {
            return null;
        }

        if (TryPossible(candidate, defaultRegion) is { } parsed)
        {
            return parsed;
        }

        // Digits without '+' that are not a national number of the default region: E.164 sent without its '+'.
        return candidate[0] != '+' ? TryPossible("+" + candidate, defaultRegion) : null;
    }

    private static string? TryPossible(string candidate, string region)
    {
        try
        {
            var parsed = Util.Parse(candidate, region);
            // IS_POSSIBLE only: IS_POSSIBLE_LOCAL_ONLY numbers lack their area code and would never match a real call.
            return parsed.HasExtension || Util.IsPossibleNumberWithReason(parsed) != PhoneNumberUtil.ValidationResult.IS_POSSIBLE
                ? null
                : Util.Format(parsed, PhoneNumberFormat.E164);
        }
        catch (NumberParseException)
        {
            return null;
        }
    }

    /// <summary><c>sip:+1555…@host;user=phone</c> and <c>tel:+1555…;ext=…</c> carry the number in their user part.</summary>
    private static string? StripUri(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var span = text.AsSpan().Trim();
        foreach (var scheme in (ReadOnlySpan<string>)["sips:", "sip:", "tel:"])
        {
            if (span.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
            {
                span = span[scheme.Length..];
                var end = span.IndexOfAny('@', ';');
                if (end >= 0)
                {
                    span = span[..end];
                }

                break;
            }
        }

        return span.Length == 0 ? null : span.ToString();
    }

    /// <summary>Only digits and the usual separators: a SIP user name such as <c>alice</c> is not a number.</summary>
    private static bool LooksLikeNumber(string candidate)
    {
        var digits = 0;
        for (var i = 0; i < candidate.Length; i++)
        {
            var c = candidate[i];
            if (char.IsAsciiDigit(c))
            {
                digits++;
            }
            else if (c is not (' ' or '-' or '.' or '(' or ')') && !(c == '+' && i == 0))
            {
                return false;
            }
        }

        return digits >= 3;
    }
}
