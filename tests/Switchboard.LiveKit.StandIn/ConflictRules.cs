using System.Text.Json.Nodes;

namespace Switchboard.LiveKit.StandIn;

/// <summary>
/// LiveKit's create/update validation of dispatch rules and inbound trunks (livekit.md §4.5), written for the stand-in:
/// two rules conflict when they share a (PIN, trunk, caller, called) key after normalization; two trunks conflict when they
/// share a dialed number and neither narrows callers, or both allow the same caller.
/// </summary>
internal static class ConflictRules
{
    /// <summary>Throws <c>invalid_argument</c> if any two of <paramref name="rules"/> conflict; earlier rules are named as the existing ones.</summary>
    public static void CheckRules(IEnumerable<JsonObject> rules)
    {
        var owners = new Dictionary<(string Pin, string Trunk, string Caller, string Called), JsonObject>();
        foreach (var rule in rules)
        {
            var pin = PinOf(rule);
            foreach (var trunk in OrAny(Json.Strings(rule, "trunk_ids")))
            {
                foreach (var caller in OrAny(Json.Strings(rule, "inbound_numbers")))
                {
                    foreach (var called in OrAny(Json.Strings(rule, "numbers")))
                    {
                        var key = (pin, trunk, PhoneNumbers.Normalize(caller), PhoneNumbers.Normalize(called));
                        if (owners.TryGetValue(key, out var owner) && !ReferenceEquals(owner, rule))
                        {
                            throw TwirpFailure.InvalidArgument(
                                $"a dispatch rule for this trunk, caller number, called number and PIN already exists: " +
                                $"\"{Json.Str(owner, "sip_dispatch_rule_id")}\" \"{Json.Str(owner, "name")}\"");
                        }

                        owners[key] = rule;
                    }
                }
            }
        }
    }

    /// <summary>Throws <c>invalid_argument</c> if any two of <paramref name="trunks"/> would both take the same call.</summary>
    public static void CheckTrunks(IEnumerable<JsonObject> trunks)
    {
        var byNumber = new Dictionary<string, List<JsonObject>>(StringComparer.Ordinal);
        foreach (var trunk in trunks)
        {
            foreach (var number in OrAny(Json.Strings(trunk, "numbers")).Select(PhoneNumbers.Normalize).Distinct())
            {
                if (!byNumber.TryGetValue(number, out var group))
                {
                    byNumber[number] = group = [];
                }

                foreach (var other in group)
                {
                    var mine = Json.Strings(trunk, "allowed_numbers").Select(PhoneNumbers.Normalize).ToHashSet();
                    var theirs = Json.Strings(other, "allowed_numbers").Select(PhoneNumbers.Normalize);
                    if ((mine.Count == 0 && !theirs.Any()) || theirs.Any(mine.Contains))
                    {
                        throw TwirpFailure.InvalidArgument(
                            $"inbound SIP trunks conflict on number \"{number}\": \"{Json.Str(other, "sip_trunk_id")}\" and \"{Json.Str(trunk, "sip_trunk_id")}\"");
                    }
                }

                group.Add(trunk);
            }
        }
    }

    public static string PinOf(JsonObject rule)
    {
        var kind = (rule["rule"] as JsonObject)?.FirstOrDefault(member => member.Value is JsonObject).Value as JsonObject;
        return kind is null ? "" : Json.Str(kind, "pin");
    }

    private static IEnumerable<string> OrAny(IReadOnlyList<string> values) => values.Count == 0 ? [""] : values;
}
