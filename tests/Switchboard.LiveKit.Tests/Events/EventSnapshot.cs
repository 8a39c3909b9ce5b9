using System.Text.Json;
using Switchboard.LiveKit.Events;

namespace Switchboard.LiveKit.Tests.Events;

/// <summary>
/// Every value of a parsed event as indented JSON, attributes in key order: two events read the same exactly when their
/// snapshots are equal (records compare lists and maps by reference, so they cannot tell), and a failure shows the difference.
/// </summary>
internal static class EventSnapshot
{
    private static readonly JsonSerializerOptions Options = new() { WriteIndented = true };

    public static string Of(WebhookEvent webhookEvent)
    {
        var participant = webhookEvent.Participant is { } p
            ? p with { Attributes = new SortedDictionary<string, string>(p.Attributes.ToDictionary(), StringComparer.Ordinal) }
            : null;
        return JsonSerializer.Serialize(webhookEvent with { Participant = participant }, Options);
    }
}
