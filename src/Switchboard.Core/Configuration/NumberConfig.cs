namespace Switchboard.Core.Configuration;

/// <summary>A dialed number as configured: its campaign (a campaign id of the same tenant) and agent override, both optional.</summary>
public sealed record NumberConfig(PhoneNumber Number, string? Campaign, string? Agent);
