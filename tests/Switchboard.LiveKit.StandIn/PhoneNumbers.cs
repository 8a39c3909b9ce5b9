using System.Text.RegularExpressions;

namespace Switchboard.LiveKit.StandIn;

/// <summary>LiveKit's number normalization for validation and trunk lookup (livekit.md §4.2): strip <c>space - ( )</c>, add <c>+</c>.</summary>
internal static partial class PhoneNumbers
{
    public static string Normalize(string number)
    {
        if (number.Length == 0 || !DialString().IsMatch(number))
        {
            return number;
        }

        var digits = string.Concat(number.Where(c => c is not (' ' or '-' or '(' or ')')));
        return digits.StartsWith('+') ? digits : "+" + digits;
    }

    [GeneratedRegex(@"^\+?[\d\- ()]+$")]
    private static partial Regex DialString();
}
