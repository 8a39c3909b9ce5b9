using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Switchboard.Core.Configuration;
using static Switchboard.Core.Configuration.ConfigPath;

namespace Switchboard.Core.DispatchRules;

/// <summary>
/// Reads trunks and dispatch rules from JSON as LiveKit's Twirp API accepts it: proto names (<c>trunk_ids</c>) or
/// lowerCamelCase JSON names (<c>trunkIds</c>), case-sensitive, the oneof as <c>"rule": {"dispatch_rule_individual": {…}}</c>,
/// <c>null</c> as the default value. Unlike LiveKit it refuses unknown fields, so a misspelt filter cannot pass silently.
/// Collects every error with its path.
/// </summary>
internal sealed partial class LiveKitRulesReader(string basePath, bool allowItems)
{
    private static readonly Fields Root = new("trunks", "dispatch_rules");
    private static readonly Fields Listing = new("trunks", "dispatch_rules", "items");
    private static readonly Fields TrunkFields = new(
        "sip_trunk_id", "name", "metadata", "numbers", "allowed_addresses", "allowed_numbers", "auth_username", "auth_password", "auth_realm",
        "headers", "headers_to_attributes", "attributes_to_headers", "include_headers", "ringing_timeout", "max_call_duration",
        "krisp_enabled", "media_encryption", "media", "created_at", "updated_at");

    private static readonly Fields RuleFields = new(
        "sip_dispatch_rule_id", "rule", "trunk_ids", "hide_phone_number", "inbound_numbers", "numbers", "name", "metadata", "attributes",
        "room_preset", "room_config", "media", "krisp_enabled", "media_encryption", "created_at", "updated_at");

    private static readonly Fields RuleKinds = new("dispatch_rule_direct", "dispatch_rule_individual", "dispatch_rule_callee");
    private static readonly Fields DirectFields = new("room_name", "pin");
    private static readonly Fields IndividualFields = new("room_prefix", "pin", "no_randomness");
    private static readonly Fields CalleeFields = new("room_prefix", "pin", "randomize");
    private static readonly Fields RoomConfigFields = new(
        "name", "empty_timeout", "departure_timeout", "max_participants", "metadata", "egress", "min_playout_delay", "max_playout_delay",
        "sync_streams", "agents", "tags");

    private static readonly Fields AgentFields = new("agent_name", "metadata", "restart_policy", "deployment", "attributes");

    private readonly List<ConfigError> _errors = [];
    private readonly Dictionary<string, string> _trunkIds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _ruleIds = new(StringComparer.Ordinal);

    public IReadOnlyList<ConfigError> Errors => _errors;

    public LiveKitRules Read(JsonElement root)
    {
        if (root.ValueKind == JsonValueKind.Null)
        {
            return LiveKitRules.Empty;
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            Error(Here(basePath), $"must be an object with trunks and dispatch_rules, not {Describe(root.ValueKind)}");
            return LiveKitRules.Empty;
        }

        var fields = Read(root, basePath, allowItems ? Listing : Root);
        var trunks = Items(fields, "trunks", Trunk);
        var rules = Items(fields, "dispatch_rules", Rule);
        if (fields.TryGetValue("items", out var items) && Array(items) is { } listing)
        {
            for (var i = 0; i < listing.Count; i++)
            {
                var item = new Field(listing[i], Index(items.Path, i));
                if (item.Value.ValueKind == JsonValueKind.Object && IsRule(item.Value))
                {
                    Add(rules, Rule(item));
                }
                else
                {
                    Add(trunks, Trunk(item));
                }
            }
        }

        return new LiveKitRules(trunks, rules);
    }

    private static bool IsRule(JsonElement item) =>
        item.EnumerateObject().Any(p => RuleFields.Known(p.Name) is "sip_dispatch_rule_id" or "rule");

    private InboundTrunk? Trunk(Field node)
    {
        if (Object(node, TrunkFields) is not { } fields)
        {
            return null;
        }

        var id = Id(fields, node.Path, "sip_trunk_id", "trunk", _trunkIds);
        var trunk = new InboundTrunk
        {
            Id = id ?? "",
            Name = String(fields, "name"),
            Metadata = String(fields, "metadata"),
            Numbers = Strings(fields, "numbers"),
            AllowedAddresses = Strings(fields, "allowed_addresses"),
            AllowedNumbers = Strings(fields, "allowed_numbers"),
            AuthUsername = String(fields, "auth_username"),
            AuthPassword = String(fields, "auth_password"),
            AuthRealm = String(fields, "auth_realm"),
            Headers = Map(fields, "headers"),
            HeadersToAttributes = Map(fields, "headers_to_attributes"),
            AttributesToHeaders = Map(fields, "attributes_to_headers"),
            IncludeHeaders = Enum(fields, "include_headers", ProtoEnums.HeaderOptions),
            RingingTimeout = Duration(fields, "ringing_timeout"),
            MaxCallDuration = Duration(fields, "max_call_duration"),
            KrispEnabled = Bool(fields, "krisp_enabled"),
            MediaEncryption = Enum(fields, "media_encryption", ProtoEnums.MediaEncryptions),
            Media = Opaque(fields, "media"),
        };
        return id is null ? null : trunk;
    }

    private DispatchRule? Rule(Field node)
    {
        if (Object(node, RuleFields) is not { } fields)
        {
            return null;
        }

        var id = Id(fields, node.Path, "sip_dispatch_rule_id", "dispatch rule", _ruleIds);
        var kind = Kind(fields.TryGetValue("rule", out var oneof) ? oneof : null, Member(node.Path, "rule"));
        var (kindName, kindFields) = kind ?? (DispatchRuleKind.Direct, []);
        var rule = new DispatchRule
        {
            Id = id ?? "",
            Kind = kindName,
            Room = String(kindFields, kindName == DispatchRuleKind.Direct ? "room_name" : "room_prefix"),
            Pin = String(kindFields, "pin"),
            NoRandomness = Bool(kindFields, "no_randomness"),
            Randomize = Bool(kindFields, "randomize"),
            TrunkIds = Strings(fields, "trunk_ids"),
            HidePhoneNumber = Bool(fields, "hide_phone_number"),
            InboundNumbers = Strings(fields, "inbound_numbers"),
            Numbers = Strings(fields, "numbers"),
            Name = String(fields, "name"),
            Metadata = String(fields, "metadata"),
            Attributes = Map(fields, "attributes"),
            RoomPreset = String(fields, "room_preset"),
            RoomConfig = RoomConfig(fields.TryGetValue("room_config", out var config) ? config : null),
            Media = Opaque(fields, "media"),
            KrispEnabled = Bool(fields, "krisp_enabled"),
            MediaEncryption = Enum(fields, "media_encryption", ProtoEnums.MediaEncryptions),
        };
        return id is null || kind is null ? null : rule;
    }

    /// <summary>The oneof: exactly one kind, read with that kind's fields only.</summary>
    private (DispatchRuleKind Kind, Dictionary<string, Field> Fields)? Kind(Field? node, string path)
    {
        var expected = "one of dispatch_rule_direct, dispatch_rule_individual or dispatch_rule_callee";
        if (node is not { } oneof || oneof.Value.ValueKind == JsonValueKind.Null)
        {
            Error(path, $"is required: an object with {expected}");
            return null;
        }

        if (Object(oneof, RuleKinds) is not { } members)
        {
            return null;
        }

        var set = members.Where(m => m.Value.Value.ValueKind != JsonValueKind.Null).ToList();
        if (set.Count != 1)
        {
            Error(path, set.Count == 0 ? $"needs {expected}" : $"sets {set.Count} kinds ({string.Join(", ", set.Select(m => m.Key))}): set only {expected}");
            return null;
        }

        var (name, member) = (set[0].Key, set[0].Value);
        var kind = name switch
        {
            "dispatch_rule_direct" => DispatchRuleKind.Direct,
            "dispatch_rule_individual" => DispatchRuleKind.Individual,
            _ => DispatchRuleKind.Callee,
        };
        var fields = Object(member, kind switch
        {
            DispatchRuleKind.Direct => DirectFields,
            DispatchRuleKind.Individual => IndividualFields,
            _ => CalleeFields,
        });
        return fields is null ? null : (kind, fields);
    }

    private RoomConfiguration? RoomConfig(Field? node)
    {
        if (node is not { } config || config.Value.ValueKind == JsonValueKind.Null || Object(config, RoomConfigFields) is not { } fields)
        {
            return null;
        }

        return new RoomConfiguration
        {
            Name = String(fields, "name"),
            EmptyTimeout = UInt(fields, "empty_timeout"),
            DepartureTimeout = UInt(fields, "departure_timeout"),
            MaxParticipants = UInt(fields, "max_participants"),
            Metadata = String(fields, "metadata"),
            Egress = Opaque(fields, "egress"),
            MinPlayoutDelay = UInt(fields, "min_playout_delay"),
            MaxPlayoutDelay = UInt(fields, "max_playout_delay"),
            SyncStreams = Bool(fields, "sync_streams"),
            Agents = Items(fields, "agents", Agent),
            Tags = Map(fields, "tags"),
        };
    }

    private RoomAgentDispatch? Agent(Field node) => Object(node, AgentFields) is not { } fields ? null : new RoomAgentDispatch
    {
        AgentName = String(fields, "agent_name"),
        Metadata = String(fields, "metadata"),
        RestartPolicy = Enum(fields, "restart_policy", ProtoEnums.RestartPolicies),
        Deployment = String(fields, "deployment"),
        Attributes = Map(fields, "attributes"),
    };

    private string? Id(Dictionary<string, Field> fields, string path, string name, string what, Dictionary<string, string> seen)
    {
        if (!fields.TryGetValue(name, out var field) || field.Value.ValueKind == JsonValueKind.Null)
        {
            Error(Member(path, name), $"is required: matching sorts {what}s and breaks ties by id");
            return null;
        }

        var id = String(fields, name);
        if (field.Value.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        if (id.Length == 0)
        {
            Error(field.Path, "must not be empty");
            return null;
        }

        if (!seen.TryAdd(id, path))
        {
            Error(field.Path, $"duplicate {what} id '{id}' (also at {seen[id]})");
        }

        return id;
    }

    private List<T> Items<T>(Dictionary<string, Field> fields, string name, Func<Field, T?> read)
        where T : class
    {
        var items = new List<T>();
        if (fields.TryGetValue(name, out var field) && Array(field) is { } array)
        {
            for (var i = 0; i < array.Count; i++)
            {
                Add(items, read(new Field(array[i], Index(field.Path, i))));
            }
        }

        return items;
    }

    private List<JsonElement>? Array(Field field)
    {
        if (field.Value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (field.Value.ValueKind != JsonValueKind.Array)
        {
            Error(field.Path, $"must be a list, not {Describe(field.Value.ValueKind)}");
            return null;
        }

        return [.. field.Value.EnumerateArray()];
    }

    private Dictionary<string, Field>? Object(Field node, Fields? known = null)
    {
        if (node.Value.ValueKind != JsonValueKind.Object)
        {
            Error(node.Path, $"must be an object, not {Describe(node.Value.ValueKind)}");
            return null;
        }

        return Read(node.Value, node.Path, known);
    }

    /// <summary>The object's members by proto name. Unknown names, duplicates and a field given under both names are errors.</summary>
    private Dictionary<string, Field> Read(JsonElement value, string path, Fields? known)
    {
        var fields = new Dictionary<string, Field>(StringComparer.Ordinal);
        var written = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in value.EnumerateObject())
        {
            var at = Member(path, property.Name);
            var name = known is null ? property.Name : known.Known(property.Name);
            if (name is null)
            {
                Error(at, known!.Unknown(property.Name));
            }
            else if (written.TryGetValue(name, out var first))
            {
                Error(at, first == property.Name ? "duplicate key" : $"given twice, as '{first}' and '{property.Name}'");
            }
            else
            {
                written[name] = property.Name;
                fields[name] = new Field(property.Value, at);
            }
        }

        return fields;
    }

    private string String(Dictionary<string, Field> fields, string name)
    {
        if (!fields.TryGetValue(name, out var field) || field.Value.ValueKind == JsonValueKind.Null)
        {
            return "";
        }

        return StringValue(field) ?? "";
    }

    private string? StringValue(Field field)
    {
        if (field.Value.ValueKind == JsonValueKind.String)
        {
            return field.Value.GetString()!;
        }

        var hint = field.Value.ValueKind is JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False ? $" (quote it: \"{field.Value.GetRawText()}\")" : "";
        Error(field.Path, $"must be a string, not {Describe(field.Value.ValueKind)}{hint}");
        return null;
    }

    private List<string> Strings(Dictionary<string, Field> fields, string name)
    {
        var values = new List<string>();
        if (fields.TryGetValue(name, out var field) && Array(field) is { } array)
        {
            for (var i = 0; i < array.Count; i++)
            {
                Add(values, StringValue(new Field(array[i], Index(field.Path, i))));
            }
        }

        return values;
    }

    private IReadOnlyDictionary<string, string> Map(Dictionary<string, Field> fields, string name)
    {
        if (!fields.TryGetValue(name, out var field) || field.Value.ValueKind == JsonValueKind.Null || Object(field, null) is not { } entries)
        {
            return ProtoEnums.NoAttributes;
        }

        var map = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, entry) in entries)
        {
            if (StringValue(entry) is { } text)
            {
                map[key] = text;
            }
        }

        return map;
    }

    private bool Bool(Dictionary<string, Field> fields, string name)
    {
        if (!fields.TryGetValue(name, out var field))
        {
            return false;
        }

        switch (field.Value.ValueKind)
        {
            case JsonValueKind.True:
                return true;
            case JsonValueKind.False or JsonValueKind.Null:
                return false;
            default:
                Error(field.Path, $"must be true or false, not {Describe(field.Value.ValueKind)}");
                return false;
        }
    }

    /// <summary>A uint32: a JSON number, or a string holding one, as protobuf's JSON mapping allows.</summary>
    private uint UInt(Dictionary<string, Field> fields, string name)
    {
        if (!fields.TryGetValue(name, out var field) || field.Value.ValueKind == JsonValueKind.Null)
        {
            return 0;
        }

        var text = field.Value.ValueKind switch
        {
            JsonValueKind.Number => field.Value.GetRawText(),
            JsonValueKind.String => field.Value.GetString()!,
            _ => null,
        };
        if (text is not null && uint.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        Error(field.Path, $"must be a whole number from 0 to {uint.MaxValue}");
        return 0;
    }

    /// <summary>A protobuf Duration: seconds with up to 9 decimals and an <c>s</c>, such as <c>"30s"</c> or <c>"1.5s"</c>.</summary>
    private string? Duration(Dictionary<string, Field> fields, string name)
    {
        if (!fields.TryGetValue(name, out var field) || field.Value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (StringValue(field) is not { } text)
        {
            return null;
        }

        if (!DurationText().IsMatch(text))
        {
            Error(field.Path, $"must be a duration in seconds such as \"30s\" or \"1.5s\" (got '{text}')");
            return null;
        }

        return text;
    }

    /// <summary>An enum by name or by number; stored by name, so either form reads back the same.</summary>
    private string Enum(Dictionary<string, Field> fields, string name, string[] names)
    {
        if (!fields.TryGetValue(name, out var field) || field.Value.ValueKind == JsonValueKind.Null)
        {
            return names[0];
        }

        if (field.Value.ValueKind == JsonValueKind.String && names.Contains(field.Value.GetString(), StringComparer.Ordinal))
        {
            return field.Value.GetString()!;
        }

        if (field.Value.ValueKind == JsonValueKind.Number && field.Value.TryGetInt32(out var number) && number >= 0 && number < names.Length)
        {
            return names[number];
        }

        Error(field.Path, $"must be one of {string.Join(", ", names)}");
        return names[0];
    }

    /// <summary>A message kept as written: an object, or null when unset.</summary>
    private JsonElement? Opaque(Dictionary<string, Field> fields, string name)
    {
        if (!fields.TryGetValue(name, out var field) || field.Value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (field.Value.ValueKind != JsonValueKind.Object)
        {
            Error(field.Path, $"must be an object, not {Describe(field.Value.ValueKind)}");
            return null;
        }

        return field.Value.Clone();
    }

    private static void Add<T>(List<T> list, T? item)
        where T : class
    {
        if (item is not null)
        {
            list.Add(item);
        }
    }

    private void Error(string path, string message) => _errors.Add(new ConfigError(path, message));

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "a list",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };

    [GeneratedRegex(@"^-?[0-9]+(?:\.[0-9]{1,9})?s$", RegexOptions.CultureInvariant)]
    private static partial Regex DurationText();

    /// <summary>A value and where it is.</summary>
    private readonly record struct Field(JsonElement Value, string Path);

    /// <summary>A message's fields: proto names, each also accepted in lowerCamelCase as protobuf's JSON mapping names it.</summary>
    private sealed class Fields
    {
        private readonly Dictionary<string, string> _byWrittenName = new(StringComparer.Ordinal);

        public Fields(params string[] names)
        {
            Names = names;
            foreach (var name in names)
            {
                _byWrittenName[name] = name;
                _byWrittenName[Camel(name)] = name;
            }
        }

        public string[] Names { get; }

        /// <summary>The error for an unknown name: the nearest field by either spelling (<c>trunkIDs</c> → <c>trunk_ids</c>), or the list.</summary>
        public string Unknown(string written)
        {
            var closest = _byWrittenName.Keys.MinBy(k => Distance(written, k));
            return closest is not null && Distance(written, closest) <= (closest.Length >= 5 ? 2 : 1)
                ? $"unknown key (did you mean '{_byWrittenName[closest]}'?)"
                : UnknownKey(written, Names);
        }

        /// <summary>The proto name a written name stands for, or null when it is not a field.</summary>
        public string? Known(string written) => _byWrittenName.GetValueOrDefault(written);

        private static string Camel(string name)
        {
            var parts = name.Split('_');
            return parts[0] + string.Concat(parts.Skip(1).Select(p => p.Length == 0 ? p : char.ToUpperInvariant(p[0]) + p[1..]));
        }
    }
}
