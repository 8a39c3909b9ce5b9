namespace Switchboard.Core.Routing;

/// <summary>One step of a routing decision: what was looked at, what it found, and why the decision went on or stopped.</summary>
/// <param name="Step">Machine name of the step, e.g. <c>number_lookup</c>.</param>
/// <param name="Outcome">Machine word for what happened, e.g. <c>found</c>, <c>not_found</c>, <c>skipped</c>.</param>
/// <param name="Detail">A sentence for people.</param>
public sealed record TraceStep(string Step, string Outcome, string Detail);
