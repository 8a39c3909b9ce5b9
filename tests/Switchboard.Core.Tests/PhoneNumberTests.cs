using Xunit;

namespace Switchboard.Core.Tests;

public sealed class PhoneNumberTests
{
    public static TheoryData<string, string, string> Valid { get; } = new()
    {
        // E.164, with or without '+', and with the usual separators
        { "+18005550100", "US", "+18005550100" },
        { "18005550100", "US", "+18005550100" },
        { "+1 800 555 0100", "US", "+18005550100" },
        { "+1-800-555-0100", "US", "+18005550100" },
        { "+1.800.555.0100", "US", "+18005550100" },
        { "+1 (800) 555-0100", "US", "+18005550100" },
        { "  +1 800 555 0100  ", "US", "+18005550100" },
        { "+44 20 7946 0018", "US", "+442079460018" },
        { "442079460018", "US", "+442079460018" },          // E.164 without its '+', not a US national number
        { "+49 30 12345678", "US", "+493012345678" },
        { "+61 2 9876 5432", "US", "+61298765432" },
        { "+33 1 23 45 67 89", "US", "+33123456789" },
        { "+7 495 123 45 67", "US", "+74951234567" },
        // national format of the default region
        { "8005550100", "US", "+18005550100" },
        { "(800) 555-0100", "US", "+18005550100" },
        { "800.555.0100", "US", "+18005550100" },
        { "1 800 555 0100", "US", "+18005550100" },
        { "1-800-555-0100", "US", "+18005550100" },
        { "011 44 20 7946 0018", "US", "+442079460018" },   // US international prefix
        { "020 7946 0018", "GB", "+442079460018" },
        { "02079460018", "GB", "+442079460018" },
        { "00 44 20 7946 0018", "GB", "+442079460018" },    // GB international prefix
        { "+1 800 555 0100", "GB", "+18005550100" },
        { "030 12345678", "DE", "+493012345678" },
        { "01 23 45 67 89", "FR", "+33123456789" },
        // fictional and not-yet-valid numbers that are possible must route
        { "+1 555 555 0123", "US", "+15555550123" },
        { "(555) 555-0123", "US", "+15555550123" },
        { "+1 202 555 0143", "US", "+12025550143" },
        { "+1 999 555 0100", "US", "+19995550100" },
        { "+2901234", "US", "+2901234" },                    // St Helena: 4-digit national numbers
        // SIP and tel URIs: the user part, before '@' or ';'
        { "sip:+18005550100@sip.livekit.cloud", "US", "+18005550100" },
        { "sip:18005550100@sip.livekit.cloud", "US", "+18005550100" },
        { "sip:8005550100@10.0.0.1:5060;transport=udp", "US", "+18005550100" },
        { "sips:+18005550100@sip.example;user=phone", "US", "+18005550100" },
        { "SIP:+18005550100@sip.example", "US", "+18005550100" },
        { "sip:+18005550100", "US", "+18005550100" },
        { "sip:+44 20 7946 0018@sip.example", "US", "+442079460018" },
        { "sip:02079460018@sip.example", "GB", "+442079460018" },
        { "tel:+18005550100", "US", "+18005550100" },
        { "tel:+1-800-555-0100", "US", "+18005550100" },
        { "tel:+18005550100;ext=12", "US", "+18005550100" },  // URI parameters are not part of the user part
        { "  sip:+18005550100@sip.example  ", "US", "+18005550100" },
    };

    [Theory]
    [MemberData(nameof(Valid))]
    public void TryParse_accepts_any_common_format(string text, string region, string expected)
    {
        var parsed = PhoneNumber.TryParse(text, region, out var number);

        Assert.True(parsed);
        Assert.Equal(expected, number?.Value);
    }

    [Theory]
    [InlineData(null, "US")]
    [InlineData("", "US")]
    [InlineData("   ", "US")]
    [InlineData("anonymous", "US")]
    [InlineData("restricted", "US")]
    [InlineData("alice", "US")]
    [InlineData("sip:alice@example.com", "US")]
    [InlineData("sip:@example.com", "US")]
    [InlineData("sip:", "US")]
    [InlineData("tel:", "US")]
    [InlineData("800-FLOWERS", "US")]                    // letters
    [InlineData("1-800-555-O1OO", "US")]                 // letter O for zero
    [InlineData("+18005550100 ext. 12", "US")]           // extensions
    [InlineData("+18005550100x12", "US")]
    [InlineData("+18005550100;ext=12", "US")]
    [InlineData("+18005550100#12", "US")]
    [InlineData("+", "US")]
    [InlineData("++18005550100", "US")]                  // '+' only first
    [InlineData("18005550100+", "US")]
    [InlineData("+1 800/555/0100", "US")]
    [InlineData("１８００５５５０１００", "US")]          // full-width digits
    [InlineData("12", "US")]                             // too short
    [InlineData("123", "US")]
    [InlineData("1234", "US")]
    [InlineData("123456", "US")]
    [InlineData("911", "US")]
    [InlineData("112", "GB")]
    [InlineData("tel:911", "US")]
    [InlineData("+1800555010", "US")]                    // one digit short for NANP
    [InlineData("800555010", "US")]
    [InlineData("+180055501001", "US")]                  // one digit long
    [InlineData("+1800555010012345", "US")]              // too long
    [InlineData("12345678901234567890", "US")]
    [InlineData("+999 1234567", "US")]                   // no such country code
    [InlineData("0044 20 7946 0018", "US")]              // 00 is not the US international prefix
    [InlineData("555-0100", "US")]
    [InlineData("+15550100", "US")]
    [InlineData("1234567", "US")]
    [InlineData("+4930", "US")]
    [InlineData("4930", "US")]
    [InlineData("+441234", "US")]
    public void TryParse_rejects_what_is_not_a_whole_phone_number(string? text, string region)
    {
        var parsed = PhoneNumber.TryParse(text, region, out var number);

        Assert.False(parsed, number?.Value);
        Assert.Null(number);
    }

    [Theory]
    [InlineData("8005550100", "+18005550100")]
    [InlineData("(202) 555-0143", "+12025550143")]
    [InlineData("alice", null)]
    public void TryParse_without_a_region_uses_the_default_region(string text, string? expected)
    {
        var parsed = PhoneNumber.TryParse(text, out var number);

        Assert.Equal(expected is not null, parsed);
        Assert.Equal(expected, number?.Value);
        Assert.Equal("US", PhoneNumber.DefaultRegion);
    }

    [Theory]
    [InlineData("020 7946 0018", "GB", "+442079460018")]
    [InlineData("(800) 555-0100", "US", "+18005550100")]
    public void Parse_returns_the_number(string text, string region, string expected)
    {
        var number = PhoneNumber.Parse(text, region);

        Assert.Equal(expected, number.Value);
        Assert.Equal(expected, number.ToString());
    }

    [Theory]
    [InlineData("alice")]
    [InlineData("")]
    [InlineData("+18005550100 ext. 12")]
    public void Parse_throws_FormatException_for_what_TryParse_rejects(string text)
    {
        var parse = () => PhoneNumber.Parse(text);

        Assert.Throws<FormatException>(parse);
    }

    [Theory]
    [InlineData("+1 800 555 0100", "sip:18005550100@sip.livekit.cloud")]
    [InlineData("(800) 555-0100", "tel:+1-800-555-0100")]
    public void Same_number_in_different_formats_is_equal(string a, string b)
    {
        var first = PhoneNumber.Parse(a);
        var second = PhoneNumber.Parse(b);

        Assert.Equal(first, second);
        Assert.Equal(first.GetHashCode(), second.GetHashCode());
    }

    [Theory]
    [InlineData("+18005550100", "+18…0100")]
    [InlineData("+442079460018", "+44…0018")]
    [InlineData("+2901234", "+29…34")]                 // short numbers show only their last 2 digits
    public void Redacted_shows_the_first_3_and_last_4_characters_or_2_of_a_short_number(string text, string expected)
    {
        var redacted = PhoneNumber.Parse(text).Redacted;

        Assert.Equal(expected, redacted);
    }

    [Theory]
    [MemberData(nameof(Valid))]
    public void Redacted_never_shows_more_than_the_first_3_and_last_4_characters(string text, string region, string expected)
    {
        var number = PhoneNumber.Parse(text, region);

        var redacted = number.Redacted;

        var shown = redacted.Replace("…", "", StringComparison.Ordinal);
        Assert.Contains("…", redacted, StringComparison.Ordinal);
        Assert.True(shown.Length <= 7, redacted);
        Assert.Equal(expected.Length >= 10 ? $"{expected[..3]}…{expected[^4..]}" : $"{expected[..3]}…{expected[^2..]}", redacted);
    }

    [Theory]
    [InlineData("US", true)]
    [InlineData("GB", true)]
    [InlineData("gb", true)]
    [InlineData("DE", true)]
    [InlineData("XX", false)]
    [InlineData("UK", false)]   // the ISO code is GB
    [InlineData("", false)]
    [InlineData(null, false)]
    public void IsKnownRegion_knows_ISO_regions(string? region, bool known)
    {
        var actual = PhoneNumber.IsKnownRegion(region);

        Assert.Equal(known, actual);
    }

    [Theory]
    [InlineData("anonymous")]
    [InlineData("restricted")]
    [InlineData("alice")]
    [InlineData("")]
    [InlineData("sip:alice@example.com")]
    public void CallerId_that_is_not_a_number_is_anonymous_and_keeps_its_raw_value(string raw)
    {
        var caller = CallerId.Parse(raw, "US");

        Assert.True(caller.IsAnonymous);
        Assert.Null(caller.Number);
        Assert.Equal(raw, caller.Raw);
        Assert.Equal("anonymous", caller.Redacted);
    }

    [Theory]
    [InlineData("sip:+12025550143@carrier.test", "+12025550143", "+12…0143")]
    [InlineData("020 7946 0018", "+442079460018", "+44…0018")]
    public void CallerId_that_is_a_number_carries_it_in_E164(string raw, string expected, string redacted)
    {
        var caller = CallerId.Parse(raw, raw.StartsWith("sip:", StringComparison.Ordinal) ? "US" : "GB");

        Assert.False(caller.IsAnonymous);
        Assert.Equal((expected, redacted), (caller.Number?.Value, caller.Redacted));
    }

    [Fact]
    public void CallerId_of_null_is_anonymous_with_an_empty_raw_value()
    {
        var caller = CallerId.Parse(null, "US");

        Assert.True(caller.IsAnonymous);
        Assert.Equal("", caller.Raw);
    }
}
