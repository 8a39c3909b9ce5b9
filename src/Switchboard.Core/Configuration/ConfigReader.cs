using System.Buffers;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Switchboard.Core.DispatchRules;
using static Switchboard.Core.Configuration.ConfigPath;
using Mapping = Switchboard.Core.Configuration.ConfigNode.Mapping;
using Scalar = Switchboard.Core.Configuration.ConfigNode.Scalar;
using Sequence = Switchboard.Core.Configuration.ConfigNode.Sequence;

namespace Switchboard.Core.Configuration;

/// <summary>
/// Walks a <see cref="ConfigNode"/> tree against the schema, collecting every error with its path instead of stopping at
/// the first. One instance per document: it holds the state that spans tenants (ids, dialed numbers).
/// </summary>
internal sealed partial class ConfigReader
{
    public const int MaxNameLength = 200;
    public const int MaxAgentLength = 128;
    private const int MaxTransferLength = 256;
    public const string DefaultTimeZone = "UTC";

    private static readonly string[] RootKeys = ["default_agent", "default_region", "blocked_callers", "tenants", "livekit"];
    private static readonly string[] TenantKeys = ["id", "name", "default_agent", "timezone", "blocked_callers", "campaigns", "numbers",
        "backup_agent", "fallback_transfer_to", "agent_join_timeout_seconds"];
    private static readonly string[] CampaignKeys = ["id", "name", "agent", "active", "starts_at", "ends_at", "metadata",
        "backup_agent", "fallback_transfer_to", "agent_join_timeout_seconds"];
    private static readonly string[] NumberKeys = ["number", "campaign", "agent"];

    /// <summary>Parses numbers that carry a country code and nothing else: used when <c>default_region</c> is invalid.</summary>
    private const string NoRegion = "ZZ";

    private readonly List<ConfigError> _errors = [];
    private readonly HashSet<string> _tenantIds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _numberPaths = new(StringComparer.Ordinal);
    private string _region = PhoneNumber.DefaultRegion;

    public IReadOnlyList<ConfigError> Errors => _errors;

    public SwitchboardConfig Read(ConfigNode? root)
    {
        if (root is null or Scalar { IsNull: true })
        {
            return SwitchboardConfig.Empty;
        }

        if (root is not Mapping map)
        {
            Error("$", "the document must be a mapping (object) with keys such as tenants");
            return SwitchboardConfig.Empty;
        }

        var fields = Fields(map, "", RootKeys);
        var region = Region(fields.GetValueOrDefault("default_region"), "default_region");
        _region = region ?? NoRegion;
        var defaultAgent = Agent(fields.GetValueOrDefault("default_agent"), "default_agent");
        var blocked = Items(fields.GetValueOrDefault("blocked_callers"), "blocked_callers", Phone);
        var tenants = Items(fields.GetValueOrDefault("tenants"), "tenants", Tenant);
        var liveKit = LiveKit(fields.GetValueOrDefault("livekit"), "livekit");
        return new SwitchboardConfig(defaultAgent, region ?? PhoneNumber.DefaultRegion, blocked, tenants) { LiveKit = liveKit };
    }

    private TenantConfig? Tenant(ConfigNode node, string path)
    {
        if (node is not Mapping map)
        {
            Error(path, "must be a mapping (object)");
            return null;
        }

        var fields = Fields(map, path, TenantKeys);
        var idPath = Member(path, "id");
        var id = Slug(fields.GetValueOrDefault("id"), idPath);
        if (id is not null && !_tenantIds.Add(id))
        {
            Error(idPath, $"duplicate tenant id '{id}'");
        }

        var name = Name(fields.GetValueOrDefault("name"), Member(path, "name"));
        var defaultAgent = Agent(fields.GetValueOrDefault("default_agent"), Member(path, "default_agent"));
        var timeZone = TimeZone(fields.GetValueOrDefault("timezone"), Member(path, "timezone"));
        var blocked = Items(fields.GetValueOrDefault("blocked_callers"), Member(path, "blocked_callers"), Phone);

        // Every id written, valid or not: a number naming a campaign whose id is already reported is not reported again.
        var campaignIds = new HashSet<string>(StringComparer.Ordinal);
        var campaigns = Items(fields.GetValueOrDefault("campaigns"), Member(path, "campaigns"), (n, p) => Campaign(n, p, campaignIds));
        var tenantLabel = id ?? Text(fields.GetValueOrDefault("id")) ?? "(no id)";
        var numbers = Items(fields.GetValueOrDefault("numbers"), Member(path, "numbers"), (n, p) => Number(n, p, campaignIds, tenantLabel));
        return new TenantConfig(id ?? "", name ?? "", defaultAgent, timeZone ?? DefaultTimeZone, blocked, campaigns, numbers)
        {
            Fallback = Fallback(fields, path),
        };
    }

    private CampaignConfig? Campaign(ConfigNode node, string path, HashSet<string> campaignIds)
    {
        if (node is not Mapping map)
        {
            Error(path, "must be a mapping (object)");
            return null;
        }

        var fields = Fields(map, path, CampaignKeys);
        var idPath = Member(path, "id");
        var id = Slug(fields.GetValueOrDefault("id"), idPath);
        if (Text(fields.GetValueOrDefault("id")) is { } written && !campaignIds.Add(written))
        {
            Error(idPath, $"duplicate campaign id '{written}'");
        }

        var name = Name(fields.GetValueOrDefault("name"), Member(path, "name"));
        var agent = Agent(fields.GetValueOrDefault("agent"), Member(path, "agent"));
        var active = Bool(fields.GetValueOrDefault("active"), Member(path, "active")) ?? true;
        var startsAt = Instant(fields.GetValueOrDefault("starts_at"), Member(path, "starts_at"));
        var endsAt = Instant(fields.GetValueOrDefault("ends_at"), Member(path, "ends_at"));
        if (startsAt is { } starts && endsAt is { } ends && ends <= starts)
        {
            Error(Member(path, "ends_at"), "must be after starts_at");
        }

        var metadata = Metadata(fields.GetValueOrDefault("metadata"), Member(path, "metadata"));
        return new CampaignConfig(id ?? "", name ?? "", agent, active, startsAt, endsAt, metadata) { Fallback = Fallback(fields, path) };
    }

    private NumberConfig? Number(ConfigNode node, string path, HashSet<string> campaignIds, string tenantId)
    {
        if (node is not Mapping map)
        {
            Error(path, "must be a mapping (object) with a number key");
            return null;
        }

        var fields = Fields(map, path, NumberKeys);
        var numberPath = Member(path, "number");
        var number = Phone(fields.GetValueOrDefault("number"), numberPath);
        if (number is not null && !_numberPaths.TryAdd(number.Value, path))
        {
            Error(numberPath, $"{number.Value} is already configured at {_numberPaths[number.Value]}");
        }

        var campaignPath = Member(path, "campaign");
        var campaign = TextField(fields.GetValueOrDefault("campaign"), campaignPath);
        if (campaign is not null && !campaignIds.Contains(campaign))
        {
            Error(campaignPath, $"no campaign '{campaign}' in tenant '{tenantId}'");
        }

        var agent = Agent(fields.GetValueOrDefault("agent"), Member(path, "agent"));
        return number is null ? null : new NumberConfig(number, campaign, agent);
    }

    private Dictionary<string, ConfigNode> Fields(Mapping map, string path, string[] known)
    {
        var fields = new Dictionary<string, ConfigNode>(StringComparer.Ordinal);
        foreach (var (keyNode, value) in map.Entries)
        {
            if (keyNode is not Scalar { Value: var key })
            {
                Error(Here(path), "keys must be strings, not lists or mappings");
                continue;
            }

            var at = Member(path, key);
            if (!known.Contains(key))
            {
                Error(at, UnknownKey(key, known));
            }
            else if (!fields.TryAdd(key, value))
            {
                Error(at, "duplicate key");
            }
        }

        return fields;
    }

    private List<T> Items<T>(ConfigNode? node, string path, Func<ConfigNode, string, T?> read)
        where T : class
    {
        if (node is null or Scalar { IsNull: true })
        {
            return [];
        }

        if (node is not Sequence sequence)
        {
            Error(path, "must be a list");
            return [];
        }

        var items = new List<T>(sequence.Items.Count);
        for (var i = 0; i < sequence.Items.Count; i++)
        {
            if (read(sequence.Items[i], Index(path, i)) is { } item)
            {
                items.Add(item);
            }
        }

        return items;
    }

    /// <summary>A scalar's text; null when absent, null or not a scalar (reported).</summary>
    private string? TextField(ConfigNode? node, string path)
    {
        if (node is Mapping or Sequence)
        {
            Error(path, "must be a string, not a list or mapping");
            return null;
        }

        return Text(node);
    }

    private static string? Text(ConfigNode? node) => node is Scalar { IsNull: false } scalar ? scalar.Value : null;

    private string? Required(ConfigNode? node, string path)
    {
        if (node is Mapping or Sequence)
        {
            Error(path, "must be a string, not a list or mapping");
            return null;
        }

        return string.IsNullOrWhiteSpace(Text(node)) ? Missing(path) : Text(node);
    }

    private string? Missing(string path)
    {
        Error(path, "is required");
        return null;
    }

    private string? Slug(ConfigNode? node, string path)
    {
        var text = Required(node, path);
        if (text is null)
        {
            return null;
        }

        if (text.Length is < 1 or > 63 || !text.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-'))
        {
            Error(path, "must be a slug of 1-63 characters [a-z0-9-]");
            return null;
        }

        return text;
    }

    private string? Name(ConfigNode? node, string path)
    {
        var text = Required(node, path);
        if (text is { Length: > MaxNameLength })
        {
            Error(path, $"must be at most {MaxNameLength} characters");
            return null;
        }

        return text;
    }

    /// <summary>The dispatch watchdog's keys of a tenant or campaign.</summary>
    private AgentFallback Fallback(Dictionary<string, ConfigNode> fields, string path)
    {
        var backup = Agent(fields.GetValueOrDefault("backup_agent"), Member(path, "backup_agent"));
        var transferPath = Member(path, "fallback_transfer_to");
        var transfer = TextField(fields.GetValueOrDefault("fallback_transfer_to"), transferPath);
        if (transfer is not null && (transfer.Length > MaxTransferLength || !AgentFallback.IsTransferTarget(transfer)))
        {
            Error(transferPath, $"must be a sip:, sips: or tel: URI of at most {MaxTransferLength} characters (LiveKit refuses a bare number), e.g. tel:+15550001111");
            transfer = null;
        }

        var timeoutPath = Member(path, "agent_join_timeout_seconds");
        int? timeout = null;
        if (TextField(fields.GetValueOrDefault("agent_join_timeout_seconds"), timeoutPath) is { } written)
        {
            if (int.TryParse(written, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds)
                && seconds is >= 1 and <= AgentFallback.MaxTimeoutSeconds)
            {
                timeout = seconds;
            }
            else
            {
                Error(timeoutPath, $"must be a whole number of seconds from 1 to {AgentFallback.MaxTimeoutSeconds}");
            }
        }

        var fallback = new AgentFallback(backup, transfer, timeout);
        return fallback.IsNone ? AgentFallback.None : fallback;
    }

    /// <summary>A LiveKit agent name, as given to agent dispatch: it travels in SIP and URL contexts, so no whitespace or control characters.</summary>
    private string? Agent(ConfigNode? node, string path)
    {
        var text = TextField(node, path);
        if (text is not null && (text.Length is 0 or > MaxAgentLength || text.Any(c => char.IsWhiteSpace(c) || char.IsControl(c))))
        {
            Error(path, $"must be a LiveKit agent name: 1-{MaxAgentLength} characters, no whitespace or control characters");
            return null;
        }

        return text;
    }

    private string? Region(ConfigNode? node, string path)
    {
        var text = TextField(node, path);
        if (text is null)
        {
            return node is null or Scalar ? PhoneNumber.DefaultRegion : null;
        }

        if (text.Length != 2 || !PhoneNumber.IsKnownRegion(text))
        {
            Error(path, $"unknown region '{text}': use an ISO 3166 alpha-2 code such as US or GB");
            return null;
        }

        return text.ToUpperInvariant();
    }

    private string? TimeZone(ConfigNode? node, string path)
    {
        var text = TextField(node, path);
        if (text is null)
        {
            return node is null or Scalar ? DefaultTimeZone : null;
        }

        // The pattern keeps ids to IANA's alphabet (no spaces, no '..'): on Linux the id becomes a path under /usr/share/zoneinfo.
        if (!IanaTimeZoneId().IsMatch(text) || !TimeZoneInfo.TryFindSystemTimeZoneById(text, out _))
        {
            var hint = TimeZoneInfo.TryConvertWindowsIdToIanaId(text, out var iana) ? $"; the IANA id for this Windows id is {iana}" : "";
            Error(path, $"unknown time zone '{text}': use an IANA id such as America/New_York{hint}");
            return null;
        }

        return text;
    }

    private bool? Bool(ConfigNode? node, string path)
    {
        if (node is null or Scalar { IsNull: true })
        {
            return null;
        }

        if (node is Scalar { IsPlain: true } scalar && ConfigScalars.TryBool(scalar.Value, out var value))
        {
            return value;
        }

        Error(path, "must be true or false");
        return null;
    }

    private DateTimeOffset? Instant(ConfigNode? node, string path)
    {
        var text = TextField(node, path);
        if (text is null)
        {
            return null;
        }

        if (!TryParseInstant(text, out var instant))
        {
            Error(path, $"must be an ISO 8601 date and time with an offset or Z, such as 2026-03-01T00:00:00Z (got '{text}')");
            return null;
        }

        return instant;
    }

    /// <summary>
    /// ISO 8601 / YAML timestamp with a required offset: a local time would mean a different instant on every server.
    /// Normalised to one exact format first, so the parse never depends on culture or guesses.
    /// </summary>
    internal static bool TryParseInstant(string text, out DateTimeOffset instant)
    {
        instant = default;
        var match = IsoInstant().Match(text);
        if (!match.Success)
        {
            return false;
        }

        var g = match.Groups;
        var seconds = g["s"].Success ? g["s"].Value : "00";
        var fraction = g["f"].Value.PadRight(7, '0');
        var offset = g["z"].Value switch
        {
            "Z" or "z" => "+00:00",
            { Length: 3 } hours => hours + ":00",
            { Length: 5 } compact => string.Concat(compact.AsSpan(0, 3), ":", compact.AsSpan(3)),
            var full => full,
        };
        var normalised = $"{g["d"].Value}T{g["h"].Value}:{g["m"].Value}:{seconds}.{fraction}{offset}";
        return DateTimeOffset.TryParseExact(normalised, "yyyy-MM-dd'T'HH:mm:ss.fffffffzzz", CultureInfo.InvariantCulture, DateTimeStyles.None, out instant);
    }

    private PhoneNumber? Phone(ConfigNode? node, string path)
    {
        var text = Required(node, path);
        if (text is null)
        {
            return null;
        }

        if (!PhoneNumber.TryParse(text, _region, out var number))
        {
            var hint = _region == NoRegion || text.TrimStart().StartsWith('+') ? "" : $" (numbers without a country code are read as {_region} numbers: see default_region)";
            Error(path, $"not a valid phone number: '{text}'{hint}");
            return null;
        }

        return number;
    }

    private JsonElement? Metadata(ConfigNode? node, string path)
    {
        if (node is null or Scalar { IsNull: true })
        {
            return null;
        }

        if (node is not Mapping)
        {
            Error(path, "must be a mapping (a JSON object)");
            return null;
        }

        return Json(node, path);
    }

    /// <summary>
    /// The <c>livekit</c> section: LiveKit's own trunk and dispatch-rule JSON, read by <see cref="LiveKitRulesJson"/>'s
    /// rules, then checked as LiveKit checks them on create, so a file LiveKit would refuse is refused whole.
    /// </summary>
    private LiveKitRules LiveKit(ConfigNode? node, string path)
    {
        if (node is null or Scalar { IsNull: true })
        {
            return LiveKitRules.Empty;
        }

        if (node is not Mapping)
        {
            Error(path, "must be a mapping with trunks and dispatch_rules");
            return LiveKitRules.Empty;
        }

        if (Json(node, path) is not { } json)
        {
            return LiveKitRules.Empty;
        }

        var (rules, errors) = LiveKitRulesJson.Read(json, path);
        _errors.AddRange(errors);
        if (errors.Count > 0)
        {
            return LiveKitRules.Empty;
        }

        _errors.AddRange(LiveKitRulesValidation.Validate(rules).Select(e => new ConfigError($"{path}.{e.Path}", e.Message)));
        return rules;
    }

    /// <summary>A node as JSON, YAML's plain scalars typed as JSON would type them; null when it has errors (reported).</summary>
    private JsonElement? Json(ConfigNode node, string path)
    {
        var errorsBefore = _errors.Count;
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { MaxDepth = ConfigDocument.MaxDepth + 1 }))
        {
            WriteJson(writer, node, path);
        }

        if (_errors.Count > errorsBefore)
        {
            return null;
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory, new JsonDocumentOptions { MaxDepth = ConfigDocument.MaxDepth + 1 });
        return document.RootElement.Clone();
    }

    /// <summary>Recursion is bounded by <see cref="ConfigDocument.MaxDepth"/>.</summary>
    private void WriteJson(Utf8JsonWriter writer, ConfigNode node, string path)
    {
        switch (node)
        {
            case Mapping map:
                writer.WriteStartObject();
                var seen = new HashSet<string>(StringComparer.Ordinal);
                foreach (var (keyNode, value) in map.Entries)
                {
                    if (keyNode is not Scalar { Value: var key })
                    {
                        Error(path, "keys must be strings, not lists or mappings");
                        continue;
                    }

                    var at = Member(path, key);
                    if (key == "<<" && keyNode is Scalar { IsPlain: true })
                    {
                        Error(at, "YAML merge keys (<<) are not supported: write the keys out");
                    }
                    else if (!seen.Add(key))
                    {
                        Error(at, "duplicate key");
                    }
                    else
                    {
                        writer.WritePropertyName(key);
                        WriteJson(writer, value, at);
                    }
                }

                writer.WriteEndObject();
                break;
            case Sequence sequence:
                writer.WriteStartArray();
                for (var i = 0; i < sequence.Items.Count; i++)
                {
                    WriteJson(writer, sequence.Items[i], Index(path, i));
                }

                writer.WriteEndArray();
                break;
            case Scalar { IsNull: true }:
                writer.WriteNullValue();
                break;
            case Scalar { IsPlain: true, Value: var text } when ConfigScalars.TryBool(text, out var flag):
                writer.WriteBooleanValue(flag);
                break;
            case Scalar { IsPlain: true, Value: var text } when ConfigScalars.IsJsonNumber(text):
                writer.WriteRawValue(text);
                break;
            case Scalar scalar:
                writer.WriteStringValue(scalar.Value);
                break;
        }
    }

    private void Error(string path, string message) => _errors.Add(new ConfigError(path, message));

    [GeneratedRegex(@"^[A-Za-z0-9_+\-]+(?:/[A-Za-z0-9_+\-]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex IanaTimeZoneId();

    [GeneratedRegex(@"^(?<d>[0-9]{4}-[0-9]{2}-[0-9]{2})[Tt ](?<h>[0-9]{2}):(?<m>[0-9]{2})(?::(?<s>[0-9]{2})(?:\.(?<f>[0-9]{1,7}))?)?[ \t]*(?<z>[Zz]|[+-][0-9]{2}(?::?[0-9]{2})?)$", RegexOptions.CultureInvariant)]
    private static partial Regex IsoInstant();
}
