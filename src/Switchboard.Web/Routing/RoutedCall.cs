using Switchboard.Core.Routing;

namespace Switchboard.Web.Routing;

/// <summary>A routed call: the answer's JSON, the decision behind it, and whether the answer is the one stored for an earlier request.</summary>
/// <remarks>A replayed answer is the stored one; <see cref="Decision"/> is then today's decision, which the stored answer may predate.</remarks>
public sealed record RoutedCall(string Answer, RoutingDecision Decision, bool Replayed);
