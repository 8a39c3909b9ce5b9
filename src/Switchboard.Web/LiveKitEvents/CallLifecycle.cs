using Switchboard.Data;
using Switchboard.LiveKit.Events;
using Switchboard.Web.Routing;

namespace Switchboard.Web.LiveKitEvents;

/// <summary>
/// Turns LiveKit's webhook events into call lifecycle: a SIP caller Switchboard has not seen yet (static rules, or
/// LiveKit routing while Switchboard was down) is routed and recorded from the event's attributes, with its lead, so
/// the call log is complete; on the caller's join, what the decision asks of LiveKit is queued (<see cref="JoinActions"/>);
/// then the event is stored once and the calls of its room replayed (<see cref="CallTracker"/>); finally each newly
/// ended call raises <see cref="CallEndedSignal"/>.
/// </summary>
public sealed partial class CallLifecycle(
    CallTracker tracker, CallRouting routing, JoinActions joinActions, CallEndedSignal signal, TimeProvider clock, ILogger<CallLifecycle> logger)
{
    public async Task<EventOutcome> HandleAsync(WebhookEvent webhookEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(webhookEvent);
        if (RoomEventMapping.ToRoomEvent(webhookEvent) is not { } roomEvent)
        {
            return EventOutcome.Ignored;
        }

        var participant = webhookEvent.Participant;
        if (roomEvent.SipCallId is { } callId && participant is not null && !await tracker.ExistsAsync(callId, cancellationToken))
        {
            if (await routing.RouteFromEventAsync(RouteRequestFor(callId, participant, roomEvent.RoomName), roomEvent.OccurredAt, cancellationToken) is null)
            {
                return EventOutcome.Unavailable;
            }

            Log.Adopted(logger, callId, webhookEvent.Event);
        }

        // Queued before the event is stored: a retry of an event whose handling failed half-way still queues it (once).
        await joinActions.PlanAsync(roomEvent, cancellationToken);

        var result = await tracker.ApplyAsync(roomEvent, participant?.Sip.TwilioCallSid, clock.GetUtcNow().UtcDateTime, cancellationToken);
        if (result.Duplicate)
        {
            return EventOutcome.Duplicate;
        }

        await signal.RaiseAsync(result.Ended, cancellationToken);
        return EventOutcome.Applied;
    }

    /// <summary>
    /// The routing request for a SIP caller first seen in an event, from its participant's attributes: the caller, the dialed
    /// number, the trunk, and the caller's SIP host (<c>sip.hostname</c>) as the From host, as dynamic dispatch gives it.
    /// </summary>
    internal static RouteRequest RouteRequestFor(string callId, ParticipantInfo participant, string roomName) => new(
        callId,
        participant.Sip.PhoneNumber ?? participant.Identity,    // hidden numbers: the hashed identity, routed as anonymous
        participant.Sip.TrunkPhoneNumber ?? "",
        participant.Sip.TrunkId,
        roomName,
        participant.Attributes)
    {
        FromHost = string.IsNullOrEmpty(participant.Sip.Hostname) ? null : participant.Sip.Hostname,
    };

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Call {CallId} first seen in LiveKit's {Event} event: routed and recorded from its attributes")]
        public static partial void Adopted(ILogger logger, string callId, string @event);
    }
}
