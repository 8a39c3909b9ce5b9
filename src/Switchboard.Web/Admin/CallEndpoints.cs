using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Switchboard.Data;

namespace Switchboard.Web.Admin;

public static class CallEndpoints
{
    /// <summary>GET /api/v1/calls/{callId}: one call by LiveKit's call id, with its timeline.</summary>
    public static RouteGroupBuilder MapCalls(this RouteGroupBuilder api)
    {
        api.MapGet("/calls/{callId}", GetAsync).WithTags("Calls").WithSummary("Get a call and its events");
        return api;
    }

    private static async Task<Results<Ok<CallResponse>, NotFound>> GetAsync(string callId, SwitchboardDb db, CancellationToken cancellationToken)
    {
        var call = await db.Calls.AsNoTracking().FirstOrDefaultAsync(c => c.CallId == callId, cancellationToken);
        if (call is null)
        {
            return TypedResults.NotFound();
        }

        var events = await db.CallEvents.AsNoTracking()
            .Where(e => e.CallRowId == call.Id)
            .OrderBy(e => e.OccurredAtUtc).ThenBy(e => e.Id)
            .Select(e => new { e.Type, e.OccurredAtUtc, e.DataJson })
            .ToListAsync(cancellationToken);

        return TypedResults.Ok(new CallResponse(
            call.Id, call.CallId, call.Action, call.Reason, call.AgentName, call.TenantId, call.CampaignId, call.LeadId,
            call.FromRaw, call.FromNumber, call.ToRaw, call.ToNumber, call.TrunkId, call.RoomName,
            call.AttributesJson is null ? null : JsonSerializer.Deserialize<JsonElement>(call.AttributesJson),
            call.ConfigVersion, Utc(call.ReceivedAtUtc), Utc(call.DecidedAtUtc),
            JsonSerializer.Deserialize<JsonElement>(call.TraceJson),
            call.Source,
            new CallLifecycleResponse(
                call.Stage, call.RoomSid, call.ParticipantIdentity, call.TwilioCallSid,
                UtcOrNull(call.JoinedAtUtc), UtcOrNull(call.AgentJoinedAtUtc), UtcOrNull(call.AnsweredAtUtc), UtcOrNull(call.EndedAtUtc),
                call.RingMs, call.TalkMs, call.Outcome, call.DisconnectReason),
            [.. events.Select(e => new CallEventResponse(e.Type, Utc(e.OccurredAtUtc), e.DataJson is null ? null : JsonSerializer.Deserialize<JsonElement>(e.DataJson)))]));
    }

    internal static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));

    private static DateTimeOffset? UtcOrNull(DateTime? value) => value is { } v ? Utc(v) : null;
}

public sealed record CallResponse(
    Guid Id,
    string CallId,
    string Action,
    string Reason,
    string? AgentName,
    string? TenantId,
    string? CampaignId,
    Guid? LeadId,
    string FromRaw,
    string? FromNumber,
    string ToRaw,
    string? ToNumber,
    string? TrunkId,
    string? RoomName,
    JsonElement? Attributes,
    long ConfigVersion,
    DateTimeOffset ReceivedAt,
    DateTimeOffset DecidedAt,
    JsonElement Trace,
    string Source,
    CallLifecycleResponse Lifecycle,
    IReadOnlyList<CallEventResponse> Events);

/// <summary>The call as LiveKit's events tell it: stage, room, the moments it reached, and how it ended.</summary>
public sealed record CallLifecycleResponse(
    string Stage,
    string? RoomSid,
    string? ParticipantIdentity,
    string? TwilioCallSid,
    DateTimeOffset? JoinedAt,
    DateTimeOffset? AgentJoinedAt,
    DateTimeOffset? AnsweredAt,
    DateTimeOffset? EndedAt,
    long? RingMs,
    long? TalkMs,
    string? Outcome,
    string? DisconnectReason);

public sealed record CallEventResponse(string Type, DateTimeOffset OccurredAt, JsonElement? Data);
