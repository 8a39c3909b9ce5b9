using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Switchboard.Core.Configuration;

namespace Switchboard.Core.DispatchRules;

/// <summary>
/// LiveKit's JSON for inbound trunks and dispatch rules: <c>{"trunks": […], "dispatch_rules": […]}</c>, each item as LiveKit's
/// API prints it, so the output of <c>lk sip inbound list --json</c> / <c>lk sip dispatch list --json</c> (or a Twirp
/// <c>{"items": […]}</c> listing) can be pasted in. Reads proto and lowerCamelCase names, refuses unknown fields; writes proto
/// names, leaving out fields at their default. <c>Read(Write(rules))</c> gives back the same rules, and writing them again
/// the same text. Checks the schema only: conflicts between items are <see cref="LiveKitRulesValidation"/>'s.
/// </summary>
public static class LiveKitRulesJson
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = ConfigDocument.MaxDepth, AllowDuplicateProperties = false };

    public static LiveKitRulesParse Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, DocumentOptions);
        }
        catch (JsonException ex)
        {
            return LiveKitRulesParse.Of(LiveKitRules.Empty, [new ConfigError("$", $"not valid JSON (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1}): {ex.Message}")]);
        }

        using (document)
        {
            var (rules, errors) = Read(document.RootElement, "", allowItems: true);
            return LiveKitRulesParse.Of(rules, errors);
        }
    }

    /// <summary>The rules in <paramref name="json"/>; a <see cref="FormatException"/> listing every error when it has any.</summary>
    public static LiveKitRules Read(string json)
    {
        var parsed = Parse(json);
        return parsed.IsValid
            ? parsed.Rules
            : throw new FormatException("Invalid LiveKit rules JSON: " + string.Join("; ", parsed.Errors));
    }

    public static string Write(LiveKitRules rules, bool indented = false)
    {
        ArgumentNullException.ThrowIfNull(rules);
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = indented, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            WriteTo(json, rules);
        }

        return Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length);
    }

    /// <summary>Reads rules at <paramref name="path"/> of a larger document (the configuration's <c>livekit</c> section).</summary>
    internal static (LiveKitRules Rules, IReadOnlyList<ConfigError> Errors) Read(JsonElement root, string path, bool allowItems = false)
    {
        var reader = new LiveKitRulesReader(path, allowItems);
        var rules = reader.Read(root);
        return (rules, reader.Errors);
    }

    internal static void WriteTo(Utf8JsonWriter json, LiveKitRules rules)
    {
        json.WriteStartObject();
        json.WriteStartArray("trunks");
        foreach (var trunk in rules.Trunks)
        {
            WriteTrunk(json, trunk);
        }

        json.WriteEndArray();
        json.WriteStartArray("dispatch_rules");
        foreach (var rule in rules.DispatchRules)
        {
            WriteRule(json, rule);
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteTrunk(Utf8JsonWriter json, InboundTrunk trunk)
    {
        json.WriteStartObject();
        json.WriteString("sip_trunk_id", trunk.Id);
        String(json, "name", trunk.Name);
        String(json, "metadata", trunk.Metadata);
        Strings(json, "numbers", trunk.Numbers);
        Strings(json, "allowed_addresses", trunk.AllowedAddresses);
        Strings(json, "allowed_numbers", trunk.AllowedNumbers);
        String(json, "auth_username", trunk.AuthUsername);
        String(json, "auth_password", trunk.AuthPassword);
        String(json, "auth_realm", trunk.AuthRealm);
        Map(json, "headers", trunk.Headers);
        Map(json, "headers_to_attributes", trunk.HeadersToAttributes);
        Map(json, "attributes_to_headers", trunk.AttributesToHeaders);
        Enum(json, "include_headers", trunk.IncludeHeaders, ProtoEnums.HeaderOptions);
        String(json, "ringing_timeout", trunk.RingingTimeout);
        String(json, "max_call_duration", trunk.MaxCallDuration);
        Bool(json, "krisp_enabled", trunk.KrispEnabled);
        Enum(json, "media_encryption", trunk.MediaEncryption, ProtoEnums.MediaEncryptions);
        Opaque(json, "media", trunk.Media);
        json.WriteEndObject();
    }

    private static void WriteRule(Utf8JsonWriter json, DispatchRule rule)
    {
        json.WriteStartObject();
        json.WriteString("sip_dispatch_rule_id", rule.Id);
        json.WriteStartObject("rule");
        switch (rule.Kind)
        {
            case DispatchRuleKind.Direct:
                json.WriteStartObject("dispatch_rule_direct");
                String(json, "room_name", rule.Room);
                String(json, "pin", rule.Pin);
                break;
            case DispatchRuleKind.Individual:
                json.WriteStartObject("dispatch_rule_individual");
                String(json, "room_prefix", rule.Room);
                String(json, "pin", rule.Pin);
                Bool(json, "no_randomness", rule.NoRandomness);
                break;
            default:
                json.WriteStartObject("dispatch_rule_callee");
                String(json, "room_prefix", rule.Room);
                String(json, "pin", rule.Pin);
                Bool(json, "randomize", rule.Randomize);
                break;
        }

        json.WriteEndObject();
        json.WriteEndObject();
        Strings(json, "trunk_ids", rule.TrunkIds);
        Bool(json, "hide_phone_number", rule.HidePhoneNumber);
        Strings(json, "inbound_numbers", rule.InboundNumbers);
        Strings(json, "numbers", rule.Numbers);
        String(json, "name", rule.Name);
        String(json, "metadata", rule.Metadata);
        Map(json, "attributes", rule.Attributes);
        String(json, "room_preset", rule.RoomPreset);
        if (rule.RoomConfig is { } config)
        {
            WriteRoomConfig(json, config);
        }

        Opaque(json, "media", rule.Media);
        Bool(json, "krisp_enabled", rule.KrispEnabled);
        Enum(json, "media_encryption", rule.MediaEncryption, ProtoEnums.MediaEncryptions);
        json.WriteEndObject();
    }

    private static void WriteRoomConfig(Utf8JsonWriter json, RoomConfiguration config)
    {
        json.WriteStartObject("room_config");
        String(json, "name", config.Name);
        UInt(json, "empty_timeout", config.EmptyTimeout);
        UInt(json, "departure_timeout", config.DepartureTimeout);
        UInt(json, "max_participants", config.MaxParticipants);
        String(json, "metadata", config.Metadata);
        Opaque(json, "egress", config.Egress);
        UInt(json, "min_playout_delay", config.MinPlayoutDelay);
        UInt(json, "max_playout_delay", config.MaxPlayoutDelay);
        Bool(json, "sync_streams", config.SyncStreams);
        if (config.Agents.Count > 0)
        {
            json.WriteStartArray("agents");
            foreach (var agent in config.Agents)
            {
                json.WriteStartObject();
                String(json, "agent_name", agent.AgentName);
                String(json, "metadata", agent.Metadata);
                Enum(json, "restart_policy", agent.RestartPolicy, ProtoEnums.RestartPolicies);
                String(json, "deployment", agent.Deployment);
                Map(json, "attributes", agent.Attributes);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        Map(json, "tags", config.Tags);
        json.WriteEndObject();
    }

    private static void String(Utf8JsonWriter json, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            json.WriteString(name, value);
        }
    }

    private static void Bool(Utf8JsonWriter json, string name, bool value)
    {
        if (value)
        {
            json.WriteBoolean(name, true);
        }
    }

    private static void UInt(Utf8JsonWriter json, string name, uint value)
    {
        if (value != 0)
        {
            json.WriteNumber(name, value);
        }
    }

    private static void Enum(Utf8JsonWriter json, string name, string value, string[] names)
    {
        if (value != names[0])
        {
            json.WriteString(name, value);
        }
    }

    private static void Strings(Utf8JsonWriter json, string name, IReadOnlyList<string> values)
    {
        if (values.Count == 0)
        {
            return;
        }

        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }

    /// <summary>Keys in ordinal order, as the reader stores them, so the text does not depend on how the map was built.</summary>
    private static void Map(Utf8JsonWriter json, string name, IReadOnlyDictionary<string, string> values)
    {
        if (values.Count == 0)
        {
            return;
        }

        json.WriteStartObject(name);
        foreach (var (key, value) in values.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            json.WriteString(key, value);
        }

        json.WriteEndObject();
    }

    private static void Opaque(Utf8JsonWriter json, string name, JsonElement? value)
    {
        if (value is { ValueKind: JsonValueKind.Object } element)
        {
            json.WritePropertyName(name);
            element.WriteTo(json);
        }
    }
}
