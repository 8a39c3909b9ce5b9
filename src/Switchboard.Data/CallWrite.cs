using Switchboard.Core.Lifecycle;

namespace Switchboard.Data;

/// <summary>
/// Everything the hot path writes for one call: the call row, the caller's lead when there is one, and the call's first
/// timeline entries, with the answer to store (and replay) for it.
/// </summary>
/// <param name="Call">The call and its decision.</param>
/// <param name="Lead">The lead to create or update, or null for none (an anonymous or blocked caller, an unknown number).</param>
/// <param name="EventType">The call's first timeline entry (<c>routed</c>, <c>rejected</c>).</param>
/// <param name="EndedAtDecision">
/// The outcome of a call its decision ends (a reject that never reaches a room, so no event will end it): stored as ended at
/// <see cref="CallRecord.DecidedAtUtc"/>, with an <c>ended</c> timeline entry, as a call's events would end it.
/// </param>
/// <param name="Answer">The answer, with slots for the lead exactly when there is one.</param>
public sealed record CallWrite(CallRecord Call, LeadKey? Lead, string EventType, CallOutcome? EndedAtDecision, AnswerTemplate Answer)
{
    /// <summary>The call's stage once written: routed, or ended by its decision.</summary>
    public string Stage => (EndedAtDecision is null ? CallStage.Routed : CallStage.Ended).Code();

    /// <summary>The outcome's code, when the decision ends the call.</summary>
    public string? Outcome => EndedAtDecision?.Code();

    public DateTime? EndedAtUtc => EndedAtDecision is null ? null : Call.DecidedAtUtc;

    /// <summary>A call ended by its decision rang until it was refused.</summary>
    public long? RingMs => EndedAtDecision is null ? null : (long)(Call.DecidedAtUtc - Call.ReceivedAtUtc).TotalMilliseconds;

    /// <summary>The <c>ended</c> entry's data, when the decision ends the call.</summary>
    public string? EndedData => EndedAtDecision is { } outcome ? CallTracker.EndedData(outcome, disconnectReason: null, RingMs, talkMs: null) : null;

    /// <summary>Fails when the answer and the lead disagree: a lead's slots with no lead to fill them, or a lead the answer does not show.</summary>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(Call);
        ArgumentNullException.ThrowIfNull(Answer);
        if (Answer.HasLead != Lead is not null)
        {
            throw new ArgumentException(Lead is null ? "The answer has lead slots but the call has no lead." : "The call has a lead but its answer does not show it.");
        }
    }

    /// <summary>
    /// Ids for the call's timeline entries: both carry the decision's time, and the timeline orders a tie by id, so the
    /// <c>ended</c> entry gets the later one.
    /// </summary>
    public static (Guid First, Guid Ended) NewEventIds()
    {
        var first = TimelineIds.Next();
        return (first, TimelineIds.Next());
    }
}
