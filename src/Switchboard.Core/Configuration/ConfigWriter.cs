using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Switchboard.Core.DispatchRules;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Switchboard.Core.Configuration;

/// <summary>
/// Writes a <see cref="SwitchboardConfig"/> as the document <see cref="ConfigParser"/> reads: snake_case keys, numbers in
/// E.164, optional values omitted, defaults written only where they help a reader (<c>timezone</c>, <c>default_region</c>);
/// the <c>livekit</c> section, when there is one, as <see cref="LiveKitRulesJson"/> writes it.
/// <c>ConfigParser.Parse(ToYaml(config))</c> gives back the same configuration.
/// </summary>
public static class ConfigWriter
{
    /// <summary>'+' and non-ASCII names stay readable; the output is a file, never embedded in HTML.</summary>
    private static readonly JsonWriterOptions JsonOptions = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string ToYaml(SwitchboardConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        var yaml = new YamlOut(new Emitter(text, new EmitterSettings().WithIndentedSequences()));
        yaml.Begin();
        yaml.Field("default_agent", config.DefaultAgent);
        yaml.Field("default_region", config.DefaultRegion);
        yaml.Numbers("blocked_callers", config.BlockedCallers);
        yaml.Key("tenants");
        yaml.StartList(config.Tenants.Count);
        foreach (var tenant in config.Tenants)
        {
            yaml.StartMap();
            yaml.Field("id", tenant.Id);
            yaml.Field("name", tenant.Name);
            yaml.Field("default_agent", tenant.DefaultAgent);
            yaml.Field("timezone", tenant.TimeZone);
            yaml.Numbers("blocked_callers", tenant.BlockedCallers);
            WriteFallback(yaml, tenant.Fallback);
            if (tenant.Campaigns.Count > 0)
            {
                yaml.Key("campaigns");
                yaml.StartList(tenant.Campaigns.Count);
                foreach (var campaign in tenant.Campaigns)
                {
                    WriteCampaign(yaml, campaign);
                }

                yaml.End();
            }

            if (tenant.Numbers.Count > 0)
            {
                yaml.Key("numbers");
                yaml.StartList(tenant.Numbers.Count);
                foreach (var number in tenant.Numbers)
                {
                    yaml.StartMap();
                    yaml.Key("number");
                    yaml.Quoted(number.Number.Value);
                    yaml.Field("campaign", number.Campaign);
                    yaml.Field("agent", number.Agent);
                    yaml.End();
                }

                yaml.End();
            }

            yaml.End();
        }

        yaml.End();
        if (!config.LiveKit.IsEmpty)
        {
            using var liveKit = JsonDocument.Parse(LiveKitRulesJson.Write(config.LiveKit));
            yaml.Key("livekit");
            yaml.Json(liveKit.RootElement);
        }

        yaml.Finish();
        return text.ToString();
    }

    public static string ToJson(SwitchboardConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, JsonOptions))
        {
            json.WriteStartObject();
            WriteOptional(json, "default_agent", config.DefaultAgent);
            json.WriteString("default_region", config.DefaultRegion);
            WriteNumbers(json, "blocked_callers", config.BlockedCallers);
            json.WriteStartArray("tenants");
            foreach (var tenant in config.Tenants)
            {
                WriteTenant(json, tenant);
            }

            json.WriteEndArray();
            if (!config.LiveKit.IsEmpty)
            {
                json.WritePropertyName("livekit");
                LiveKitRulesJson.WriteTo(json, config.LiveKit);
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length) + "\n";
    }

    private static void WriteCampaign(YamlOut yaml, CampaignConfig campaign)
    {
        yaml.StartMap();
        yaml.Field("id", campaign.Id);
        yaml.Field("name", campaign.Name);
        yaml.Field("agent", campaign.Agent);
        if (!campaign.Active)
        {
            yaml.Key("active");
            yaml.Plain("false");
        }

        if (campaign.StartsAt is { } startsAt)
        {
            yaml.Key("starts_at");
            yaml.Plain(FormatInstant(startsAt));
        }

        if (campaign.EndsAt is { } endsAt)
        {
            yaml.Key("ends_at");
            yaml.Plain(FormatInstant(endsAt));
        }

        if (campaign.Metadata is { ValueKind: not JsonValueKind.Undefined } metadata)
        {
            yaml.Key("metadata");
            yaml.Json(metadata);
        }

        WriteFallback(yaml, campaign.Fallback);
        yaml.End();
    }

    private static void WriteFallback(YamlOut yaml, AgentFallback fallback)
    {
        yaml.Field("backup_agent", fallback.BackupAgent);
        yaml.Field("fallback_transfer_to", fallback.FallbackTransferTo);
        if (fallback.AgentJoinTimeoutSeconds is { } seconds)
        {
            yaml.Key("agent_join_timeout_seconds");
            yaml.Plain(seconds.ToString(CultureInfo.InvariantCulture));
        }
    }

    private static void WriteFallback(Utf8JsonWriter json, AgentFallback fallback)
    {
        WriteOptional(json, "backup_agent", fallback.BackupAgent);
        WriteOptional(json, "fallback_transfer_to", fallback.FallbackTransferTo);
        if (fallback.AgentJoinTimeoutSeconds is { } seconds)
        {
            json.WriteNumber("agent_join_timeout_seconds", seconds);
        }
    }

    private static void WriteTenant(Utf8JsonWriter json, TenantConfig tenant)
    {
        json.WriteStartObject();
        json.WriteString("id", tenant.Id);
        json.WriteString("name", tenant.Name);
        WriteOptional(json, "default_agent", tenant.DefaultAgent);
        json.WriteString("timezone", tenant.TimeZone);
        WriteNumbers(json, "blocked_callers", tenant.BlockedCallers);
        WriteFallback(json, tenant.Fallback);
        if (tenant.Campaigns.Count > 0)
        {
            json.WriteStartArray("campaigns");
            foreach (var campaign in tenant.Campaigns)
            {
                json.WriteStartObject();
                json.WriteString("id", campaign.Id);
                json.WriteString("name", campaign.Name);
                WriteOptional(json, "agent", campaign.Agent);
                if (!campaign.Active)
                {
                    json.WriteBoolean("active", false);
                }

                WriteOptional(json, "starts_at", campaign.StartsAt is { } starts ? FormatInstant(starts) : null);
                WriteOptional(json, "ends_at", campaign.EndsAt is { } ends ? FormatInstant(ends) : null);
                if (campaign.Metadata is { ValueKind: not JsonValueKind.Undefined } metadata)
                {
                    json.WritePropertyName("metadata");
                    metadata.WriteTo(json);
                }

                WriteFallback(json, campaign.Fallback);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        if (tenant.Numbers.Count > 0)
        {
            json.WriteStartArray("numbers");
            foreach (var number in tenant.Numbers)
            {
                json.WriteStartObject();
                json.WriteString("number", number.Number.Value);
                WriteOptional(json, "campaign", number.Campaign);
                WriteOptional(json, "agent", number.Agent);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        json.WriteEndObject();
    }

    private static void WriteOptional(Utf8JsonWriter json, string key, string? value)
    {
        if (value is not null)
        {
            json.WriteString(key, value);
        }
    }

    private static void WriteNumbers(Utf8JsonWriter json, string key, IReadOnlyList<PhoneNumber> numbers)
    {
        if (numbers.Count == 0)
        {
            return;
        }

        json.WriteStartArray(key);
        foreach (var number in numbers)
        {
            json.WriteStringValue(number.Value);
        }

        json.WriteEndArray();
    }

    /// <summary>ISO 8601 keeping the written offset (<c>Z</c> for UTC); fractional seconds only when present.</summary>
    private static string FormatInstant(DateTimeOffset instant) => instant.Offset == TimeSpan.Zero
        ? instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture)
        : instant.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture);

    /// <summary>A thin layer over YamlDotNet's emitter: it chooses each scalar's style so the text reads back as written.</summary>
    private sealed class YamlOut(Emitter emitter)
    {
        /// <summary>What is open, innermost on top: true for a mapping, false for a list.</summary>
        private readonly Stack<bool> _open = new();

        public void Begin()
        {
            emitter.Emit(new StreamStart());
            emitter.Emit(new DocumentStart());
            StartMap();
        }

        public void Finish()
        {
            End();
            emitter.Emit(new DocumentEnd(isImplicit: true));
            emitter.Emit(new StreamEnd());
        }

        /// <summary>Empty collections are written in flow style, <c>{}</c> and <c>[]</c>: block style cannot express them.</summary>
        public void StartMap(int count = 1)
        {
            _open.Push(true);
            emitter.Emit(new MappingStart(AnchorName.Empty, TagName.Empty, true, count == 0 ? MappingStyle.Flow : MappingStyle.Block));
        }

        public void StartList(int count)
        {
            _open.Push(false);
            emitter.Emit(new SequenceStart(AnchorName.Empty, TagName.Empty, true, count == 0 ? SequenceStyle.Flow : SequenceStyle.Block));
        }

        /// <summary>Ends the innermost mapping or list.</summary>
        public void End() => emitter.Emit(_open.Pop() ? new MappingEnd() : new SequenceEnd());

        public void Key(string key) => String(key);

        public void Field(string key, string? value)
        {
            if (value is not null)
            {
                Key(key);
                String(value);
            }
        }

        public void Numbers(string key, IReadOnlyList<PhoneNumber> numbers)
        {
            if (numbers.Count == 0)
            {
                return;
            }

            Key(key);
            StartList(numbers.Count);
            foreach (var number in numbers)
            {
                Quoted(number.Value);
            }

            End();
        }

        /// <summary>
        /// A string: plain when it is made of everyday characters and reads back as the same string, otherwise double-quoted,
        /// where every character can be escaped. The emitter alone is not enough: it writes some plain scalars its own
        /// scanner rejects (<c>a* *</c> as a key) and single-quotes line separators, which YAML then folds.
        /// </summary>
        public void String(string value) =>
            Scalar(value, ConfigScalars.NeedsQuotes(value) || !value.All(IsEveryday) ? ScalarStyle.DoubleQuoted : ScalarStyle.Plain);

        public void Plain(string value) => Scalar(value, ScalarStyle.Plain);

        public void Quoted(string value) => Scalar(value, ScalarStyle.DoubleQuoted);

        /// <summary>JSON as YAML: numbers, booleans and null plain (so they read back typed), strings as <see cref="String"/> writes them.</summary>
        public void Json(JsonElement element)
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.Object:
                    StartMap(element.EnumerateObject().Any() ? 1 : 0);
                    foreach (var property in element.EnumerateObject())
                    {
                        Key(property.Name);
                        Json(property.Value);
                    }

                    End();
                    break;
                case JsonValueKind.Array:
                    StartList(element.GetArrayLength());
                    foreach (var item in element.EnumerateArray())
                    {
                        Json(item);
                    }

                    End();
                    break;
                case JsonValueKind.String:
                    String(element.GetString()!);
                    break;
                case JsonValueKind.Number:
                    Plain(element.GetRawText());
                    break;
                case JsonValueKind.True or JsonValueKind.False:
                    Plain(element.ValueKind == JsonValueKind.True ? "true" : "false");
                    break;
                default:
                    Plain("null");
                    break;
            }
        }

        private static bool IsEveryday(char c) =>
            char.IsLetterOrDigit(c) || char.IsSurrogate(c) || c is ' ' or '-' or '_' or '.' or '/' or '(' or ')' or '+' or ',' or ':' or '@' or '\'';

        private void Scalar(string value, ScalarStyle style) =>
            emitter.Emit(new YamlDotNet.Core.Events.Scalar(AnchorName.Empty, TagName.Empty, value, style, true, true));
    }
}
