namespace Switchboard.LiveKit.Api;

/// <summary>What the resilience pipeline may spend on one call; carried on the request so one HttpClient serves every method.</summary>
internal sealed record TwirpCallBudget(bool Retryable, TimeSpan Attempt, TimeSpan Total);
