using System.Globalization;
using System.Text.Json.Nodes;
using Switchboard.LiveKit.StandIn.Schema;
using static Switchboard.LiveKit.StandIn.Schema.LiveKitMessages;

namespace Switchboard.LiveKit.StandIn;

/// <summary>
/// What the stand-in LiveKit holds, and what each Twirp method does to it. Messages are kept complete, as LiveKit would
/// answer them (proto names). Not thread-safe: <see cref="LiveKitStandIn"/> serializes access.
/// </summary>
internal sealed class StandInState(TimeProvider clock)
{
    private readonly Dictionary<string, RoomState> _rooms = new(StringComparer.Ordinal);
    private readonly List<JsonObject> _dispatches = [];
    private readonly SortedDictionary<string, JsonObject> _rules = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, JsonObject> _trunks = new(StringComparer.Ordinal);
    private readonly List<StandInTransfer> _transfers = [];

    public bool LegacyTransferAnswer { get; set; }

    public IEnumerable<RoomState> Rooms => _rooms.Values;

    public IEnumerable<JsonObject> Dispatches => _dispatches;

    public IEnumerable<JsonObject> Rules => _rules.Values;

    public IEnumerable<JsonObject> Trunks => _trunks.Values;

    public IReadOnlyList<StandInTransfer> Transfers => _transfers;

    public RoomState EnsureRoom(string name)
    {
        if (!_rooms.TryGetValue(name, out var room))
        {
            _rooms[name] = room = new RoomState(LiveKitIds.New("RM_"), name);
        }

        return room;
    }

    public JsonObject AddParticipant(string room, string identity, string name, string kind, string metadata, IReadOnlyDictionary<string, string> attributes)
    {
        var target = EnsureRoom(room);
        if (target.Participants.Any(p => Json.Str(p, "identity") == identity))
        {
            throw new InvalidOperationException($"Room '{room}' already has a participant '{identity}'.");
        }

        var now = clock.GetUtcNow();
        var participant = ProtoJsonWriter.Complete(new JsonObject
        {
            ["sid"] = LiveKitIds.New("PA_"),
            ["identity"] = identity,
            ["name"] = name,
            ["state"] = "ACTIVE",
            ["kind"] = kind,
            ["metadata"] = metadata,
            ["joined_at"] = now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
            ["joined_at_ms"] = now.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
            ["version"] = 1,
            ["is_publisher"] = true,
            ["permission"] = new JsonObject { ["can_subscribe"] = true, ["can_publish"] = true, ["can_publish_data"] = true, ["can_update_metadata"] = true },
            ["attributes"] = new JsonObject([.. attributes.Select(a => KeyValuePair.Create(a.Key, (JsonNode?)a.Value))]),
        }, ParticipantInfo);
        target.Participants.Add(participant);
        return participant;
    }

    // --- AgentDispatchService

    public JsonObject CreateDispatch(JsonObject request)
    {
        var room = Required(request, "room");
        EnsureRoom(room);
        var dispatch = ProtoJsonWriter.Complete(new JsonObject
        {
            ["id"] = LiveKitIds.New("AD_"),
            ["agent_name"] = Json.Str(request, "agent_name"),
            ["room"] = room,
            ["metadata"] = Json.Str(request, "metadata"),
            ["state"] = new JsonObject { ["created_at"] = NowNanoseconds() },
            ["restart_policy"] = request["restart_policy"]?.DeepClone(),
            ["deployment"] = Json.Str(request, "deployment"),
            ["attributes"] = request["attributes"]?.DeepClone(),
        }, AgentDispatch);
        _dispatches.Add(dispatch);
        return dispatch;
    }

    public JsonObject ListDispatch(JsonObject request)
    {
        var room = Required(request, "room");
        var id = Json.Str(request, "dispatch_id");
        var found = _dispatches.Where(d => Json.Str(d, "room") == room && (id.Length == 0 || Json.Str(d, "id") == id));
        return new JsonObject { ["agent_dispatches"] = new JsonArray([.. found.Select(d => (JsonNode?)d.DeepClone())]) };
    }

    public JsonObject DeleteDispatch(JsonObject request)
    {
        var id = Required(request, "dispatch_id");
        var room = Required(request, "room");
        var dispatch = _dispatches.FirstOrDefault(d => Json.Str(d, "id") == id && Json.Str(d, "room") == room)
            ?? throw TwirpFailure.NotFound("dispatch not found");
        _dispatches.Remove(dispatch);
        dispatch["state"]!["deleted_at"] = NowNanoseconds();
        return dispatch;
    }

    // --- SIP dispatch rules

    public JsonObject CreateSipDispatchRule(JsonObject request)
    {
        JsonObject rule;
        if (request["dispatch_rule"] is JsonObject info)
        {
            rule = info.DeepClone().AsObject();
            if (Json.Str(rule, "sip_dispatch_rule_id").Length > 0)
            {
                throw TwirpFailure.InvalidArgument("rule id must not be set");
            }
        }
        else
        {
            // The deprecated top-level form (livekit.md §3.6): it has no numbers, media or krisp_enabled.
            rule = new JsonObject([.. request.Select(f => KeyValuePair.Create(f.Key, f.Value?.DeepClone()))]);
        }

        RequireRuleKind(rule);
        var now = Now();
        rule["sip_dispatch_rule_id"] = LiveKitIds.New("SDR_");
        rule["created_at"] = now;
        rule["updated_at"] = now;
        var complete = ProtoJsonWriter.Complete(rule, SipDispatchRuleInfo);
        ConflictRules.CheckRules([.. _rules.Values, complete]);
        _rules[Json.Str(complete, "sip_dispatch_rule_id")] = complete;
        return complete;
    }

    public JsonObject UpdateSipDispatchRule(JsonObject request)
    {
        var id = Required(request, "sip_dispatch_rule_id");
        var existing = _rules.GetValueOrDefault(id) ?? throw TwirpFailure.NotFound("requested sip dispatch rule does not exist");
        JsonObject next;
        if (request["replace"] is JsonObject replace)
        {
            if (Json.Str(replace, "sip_dispatch_rule_id") is { Length: > 0 } other && other != id)
            {
                throw TwirpFailure.InvalidArgument("the replacement's sip_dispatch_rule_id differs from the rule's");
            }

            next = replace.DeepClone().AsObject();
            RequireRuleKind(next);
            next["created_at"] = existing["created_at"]?.DeepClone();
        }
        else if (request["update"] is JsonObject update)
        {
            next = existing.DeepClone().AsObject();
            if (update["trunk_ids"] is JsonObject trunkIds)
            {
                next["trunk_ids"] = Json.Array(ApplyListUpdate(Json.Strings(existing, "trunk_ids"), trunkIds, "trunk_ids"));
            }

            CopyIfSet(update, next, "rule", "name", "metadata", "media_encryption", "media");
            ApplyAttributes(next, update);
        }
        else
        {
            throw TwirpFailure.InvalidArgument("either replace or update is required");
        }

        next["sip_dispatch_rule_id"] = id;
        next["updated_at"] = Now();
        var complete = ProtoJsonWriter.Complete(next, SipDispatchRuleInfo);
        ConflictRules.CheckRules([.. _rules.Values.Where(r => !ReferenceEquals(r, existing)), complete]);
        _rules[id] = complete;
        return complete;
    }

    public JsonObject ListSipDispatchRule(JsonObject request)
    {
        var ids = Json.Strings(request, "dispatch_rule_ids");
        var trunks = Json.Strings(request, "trunk_ids");
        IEnumerable<JsonObject?> items = ids.Count > 0 ? ids.Select(id => _rules.GetValueOrDefault(id)) : _rules.Values;
        items = items.Where(rule => rule is null || trunks.Count == 0 || Json.Strings(rule, "trunk_ids") is var own && (own.Count == 0 || own.Any(trunks.Contains)));
        return new JsonObject { ["items"] = Page(items, request, "sip_dispatch_rule_id") };
    }

    public JsonObject DeleteSipDispatchRule(JsonObject request)
    {
        var id = Required(request, "sip_dispatch_rule_id");
        if (!_rules.Remove(id, out var rule))
        {
            throw TwirpFailure.NotFound("requested sip dispatch rule does not exist");
        }

        return rule;
    }

    // --- SIP inbound trunks

    public JsonObject ListSipInboundTrunk(JsonObject request)
    {
        var ids = Json.Strings(request, "trunk_ids");
        var numbers = Json.Strings(request, "numbers");
        var items = _trunks.Values.Where(trunk =>
            (ids.Count == 0 || ids.Contains(Json.Str(trunk, "sip_trunk_id")))
            && (numbers.Count == 0 || Json.Strings(trunk, "numbers") is var own && (own.Count == 0
                || own.Any(n => numbers.Any(q => n == q || PhoneNumbers.Normalize(n) == PhoneNumbers.Normalize(q))))));
        return new JsonObject { ["items"] = Page(items, request, "sip_trunk_id") };
    }

    public JsonObject CreateSipInboundTrunk(JsonObject request)
    {
        var trunk = (request["trunk"] as JsonObject)?.DeepClone().AsObject() ?? throw TwirpFailure.InvalidArgument("trunk is required");
        if (Json.Str(trunk, "sip_trunk_id").Length > 0)
        {
            throw TwirpFailure.InvalidArgument("trunk id must not be set");
        }

        var hasAuth = Json.Str(trunk, "auth_username").Length > 0 && Json.Str(trunk, "auth_password").Length > 0;
        if (!hasAuth && Json.Strings(trunk, "allowed_addresses").Count == 0 && Json.Strings(trunk, "numbers").Count == 0)
        {
            throw TwirpFailure.InvalidArgument("an inbound trunk needs auth credentials, allowed addresses or numbers");
        }

        var now = Now();
        trunk["sip_trunk_id"] = LiveKitIds.New("ST_");
        trunk["created_at"] = now;
        trunk["updated_at"] = now;
        var complete = ProtoJsonWriter.Complete(trunk, SipInboundTrunkInfo);
        ConflictRules.CheckTrunks([.. _trunks.Values, complete]);
        _trunks[Json.Str(complete, "sip_trunk_id")] = complete;
        return complete;
    }

    public JsonObject UpdateSipInboundTrunk(JsonObject request)
    {
        var id = Required(request, "sip_trunk_id");
        var existing = _trunks.GetValueOrDefault(id) ?? throw TwirpFailure.NotFound("requested sip trunk does not exist");
        JsonObject next;
        if (request["replace"] is JsonObject replace)
        {
            if (Json.Str(replace, "sip_trunk_id") is { Length: > 0 } other && other != id)
            {
                throw TwirpFailure.InvalidArgument("the replacement's sip_trunk_id differs from the trunk's");
            }

            next = replace.DeepClone().AsObject();
            next["created_at"] = existing["created_at"]?.DeepClone();
        }
        else if (request["update"] is JsonObject update)
        {
            next = existing.DeepClone().AsObject();
            foreach (var list in (string[])["numbers", "allowed_addresses", "allowed_numbers"])
            {
                if (update[list] is JsonObject change)
                {
                    next[list] = Json.Array(ApplyListUpdate(Json.Strings(existing, list), change, list));
                }
            }

            CopyIfSet(update, next, "auth_username", "auth_password", "auth_realm", "name", "metadata", "media_encryption", "media");
        }
        else
        {
            throw TwirpFailure.InvalidArgument("either replace or update is required");
        }

        next["sip_trunk_id"] = id;
        next["updated_at"] = Now();
        var complete = ProtoJsonWriter.Complete(next, SipInboundTrunkInfo);
        ConflictRules.CheckTrunks([.. _trunks.Values.Where(t => !ReferenceEquals(t, existing)), complete]);
        _trunks[id] = complete;
        return complete;
    }

    // --- SIP transfer

    public JsonObject TransferSipParticipant(JsonObject request)
    {
        var roomName = Required(request, "room_name");
        var identity = Required(request, "participant_identity");
        var transferTo = Required(request, "transfer_to");
        var (room, participant) = Find(roomName, identity);
        if (Json.Map(participant, "attributes").GetValueOrDefault("sip.callID") is not { Length: > 0 })
        {
            throw TwirpFailure.InvalidArgument("no SIP session associated with participant");
        }

        var target = transferTo.StartsWith('<') && transferTo.EndsWith('>') ? transferTo[1..^1] : transferTo;
        if (!target.StartsWith("sip:", StringComparison.Ordinal) && !target.StartsWith("sips:", StringComparison.Ordinal)
            && !target.StartsWith("tel:", StringComparison.Ordinal))
        {
            throw TwirpFailure.InvalidArgument("transfer_to must be a sip:, sips: or tel: URI");
        }

        // A completed cold transfer ends LiveKit's leg of the call: the caller leaves the room.
        room.Participants.Remove(participant);
        var transferId = LiveKitIds.New("STR_");
        _transfers.Add(new StandInTransfer(transferId, roomName, identity, transferTo, Json.Bool(request, "play_dialtone"),
            request["ringing_timeout"]?.GetValue<string>()));
        return LegacyTransferAnswer
            ? []
            : new JsonObject
            {
                ["transfer_id"] = transferId,
                ["status"] = "STS_TRANSFER_SUCCESSFUL",
                ["reason"] = "STR_COMPLETED",
                ["sip_status"] = new JsonObject { ["code"] = "SIP_STATUS_OK", ["status"] = "OK" },
            };
    }

    // --- RoomService

    public JsonObject RemoveParticipant(JsonObject request)
    {
        var (room, participant) = Find(Required(request, "room"), Required(request, "identity"));
        room.Participants.Remove(participant);
        return [];
    }

    public JsonObject UpdateParticipant(JsonObject request)
    {
        var (_, participant) = Find(Required(request, "room"), Required(request, "identity"));
        foreach (var field in (string[])["metadata", "name"])
        {
            if (Json.Str(request, field) is { Length: > 0 } value)
            {
                participant[field] = value;
            }
        }

        if (request["permission"] is JsonObject permission)
        {
            participant["permission"] = ProtoJsonWriter.Complete(permission, ParticipantPermission);
        }

        ApplyAttributes(participant, request);
        participant["version"] = long.Parse(participant["version"]!.ToJsonString(), CultureInfo.InvariantCulture) + 1;
        return participant;
    }

    public JsonObject ListParticipants(JsonObject request)
    {
        var room = _rooms.GetValueOrDefault(Required(request, "room")) ?? throw TwirpFailure.NotFound("requested room does not exist");
        return new JsonObject { ["participants"] = new JsonArray([.. room.Participants.Select(p => (JsonNode?)p.DeepClone())]) };
    }

    public JsonObject DeleteRoom(JsonObject request)
    {
        var name = Required(request, "room");
        if (!_rooms.Remove(name))
        {
            throw TwirpFailure.NotFound("requested room does not exist");
        }

        _dispatches.RemoveAll(d => Json.Str(d, "room") == name);
        return [];
    }

    private (RoomState Room, JsonObject Participant) Find(string roomName, string identity)
    {
        var room = _rooms.GetValueOrDefault(roomName) ?? throw TwirpFailure.NotFound("requested room does not exist");
        var participant = room.Participants.FirstOrDefault(p => Json.Str(p, "identity") == identity)
            ?? throw TwirpFailure.NotFound("participant does not exist");
        return (room, participant);
    }

    private static string Required(JsonObject request, string field) =>
        Json.Str(request, field) is { Length: > 0 } value ? value : throw TwirpFailure.InvalidArgument($"{field} is required");

    private static void RequireRuleKind(JsonObject rule)
    {
        if ((rule["rule"] as JsonObject)?.Count is null or 0)
        {
            throw TwirpFailure.InvalidArgument("missing rule");
        }
    }

    /// <summary>A <c>livekit.ListUpdate</c>, checked as LiveKit checks it (livekit.md §3.6) and applied.</summary>
    private static List<string> ApplyListUpdate(IReadOnlyList<string> current, JsonObject update, string field)
    {
        var set = Json.Strings(update, "set");
        var add = Json.Strings(update, "add");
        var remove = Json.Strings(update, "remove");
        var clear = Json.Bool(update, "clear");
        if ((set.Count > 0 && (add.Count > 0 || remove.Count > 0)) || (clear && (set.Count > 0 || add.Count > 0 || remove.Count > 0))
            || (!clear && set.Count == 0 && add.Count == 0 && remove.Count == 0) || set.Concat(add).Concat(remove).Any(v => v.Length == 0))
        {
            throw TwirpFailure.InvalidArgument($"invalid list update for {field}");
        }

        if (clear)
        {
            return [];
        }

        if (set.Count > 0)
        {
            return [.. set];
        }

        var result = current.Where(v => !remove.Contains(v)).ToList();
        result.AddRange(add.Where(v => !result.Contains(v)));
        return result;
    }

    /// <summary>Attribute changes: a non-empty value sets a key, an empty one deletes it.</summary>
    private static void ApplyAttributes(JsonObject target, JsonObject changes)
    {
        var attributes = Json.Map(target, "attributes");
        foreach (var (key, value) in Json.Map(changes, "attributes"))
        {
            if (value.Length == 0)
            {
                attributes.Remove(key);
            }
            else
            {
                attributes[key] = value;
            }
        }

        target["attributes"] = new JsonObject([.. attributes.Select(a => KeyValuePair.Create(a.Key, (JsonNode?)a.Value))]);
    }

    private static void CopyIfSet(JsonObject from, JsonObject to, params string[] fields)
    {
        foreach (var field in fields)
        {
            if (from[field] is { } value)
            {
                to[field] = value.DeepClone();
            }
        }
    }

    private static JsonArray Page(IEnumerable<JsonObject?> items, JsonObject request, string idField)
    {
        var page = request["page"] as JsonObject;
        var after = page is null ? "" : Json.Str(page, "after_id");
        var limit = page?["limit"]?.GetValue<int>() ?? 0;
        var selected = items.Where(item => item is null || string.CompareOrdinal(Json.Str(item, idField), after) > 0);
        if (limit > 0)
        {
            selected = selected.Take(limit);
        }

        return new JsonArray([.. selected.Select(item => item?.DeepClone())]);
    }

    private string Now() => clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private string NowNanoseconds() => (clock.GetUtcNow().ToUnixTimeMilliseconds() * 1_000_000).ToString(CultureInfo.InvariantCulture);

    /// <summary>A room and its participants (complete <c>ParticipantInfo</c> messages).</summary>
    internal sealed class RoomState(string sid, string name)
    {
        public string Sid { get; } = sid;

        public string Name { get; } = name;

        public List<JsonObject> Participants { get; } = [];
    }
}
