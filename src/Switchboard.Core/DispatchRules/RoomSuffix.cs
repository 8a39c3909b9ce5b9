namespace Switchboard.Core.DispatchRules;

/// <summary>
/// The random part LiveKit appends to room names: 12 characters from its ID alphabet. Core draws none itself; the
/// caller of <see cref="DispatchRuleMatcher.Evaluate"/> supplies them, so evaluation stays a pure function.
/// </summary>
public static class RoomSuffix
{
    /// <summary>LiveKit's ID alphabet: digits and letters without 0, 1, I, O and l.</summary>
    public const string Alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

    public const int Length = 12;

    public static bool IsValid(string? suffix) => suffix is { Length: Length } && suffix.All(c => Alphabet.Contains(c, StringComparison.Ordinal));
}
