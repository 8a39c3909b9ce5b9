namespace Switchboard.Core;

/// <summary>
/// What the caller presented. Not every caller id is a number (<c>anonymous</c>, <c>restricted</c>, a SIP
/// user name): such a caller is routed as anonymous, never refused for it, and keeps its raw value.
/// </summary>
public sealed record CallerId(string Raw, PhoneNumber? Number)
{
    public bool IsAnonymous => Number is null;

    public string Redacted => Number?.Redacted ?? "anonymous";

    public static CallerId Parse(string? raw, string defaultRegion) =>
        new(raw ?? "", PhoneNumber.TryParse(raw, defaultRegion, out var number) ? number : null);
}
