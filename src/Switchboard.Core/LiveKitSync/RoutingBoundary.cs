namespace Switchboard.Core.LiveKitSync;

/// <summary>An instant at which the router's choice for some number may change, and why (e.g. <c>campaign 'acme/spring' starts</c>).</summary>
public sealed record RoutingBoundary(DateTimeOffset At, string Reason);
