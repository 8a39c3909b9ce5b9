using System.Globalization;
using System.Text.Json;
using Switchboard.LiveKit.Api;
using Rules = Switchboard.Core.DispatchRules;

namespace Switchboard.Web.LiveKitSync;

/// <summary>
/// LiveKit's API messages (<see cref="SipInboundTrunkInfo"/>, <see cref="SipDispatchRuleInfo"/>) to Core's model and back. A
/// message at its defaults maps to null (an empty <c>room_config</c>, <c>media</c> with nothing set), so an object reads the
/// same whether LiveKit writes unset messages as <c>null</c> or as empty objects. <c>room_config.egress</c> is not modelled by
/// the API client and is dropped; managed objects never set it.
/// </summary>
internal static class LiveKitSyncMapping
{
    public static Rules.LiveKitRules ToCore(IEnumerable<SipInboundTrunkInfo> trunks, IEnumerable<SipDispatchRuleInfo> rules) =>
        new([.. trunks.Select(ToCore)], [.. rules.Select(ToCore)]);

    public static Rules.InboundTrunk ToCore(SipInboundTrunkInfo trunk) => new()
    {
        Id = trunk.SipTrunkId,
        Name = trunk.Name,
        Metadata = trunk.Metadata,
        Numbers = trunk.Numbers,
        AllowedAddresses = trunk.AllowedAddresses,
        AllowedNumbers = trunk.AllowedNumbers,
        AuthUsername = trunk.AuthUsername,
        AuthPassword = trunk.AuthPassword,
        AuthRealm = trunk.AuthRealm,
        Headers = trunk.Headers,
        HeadersToAttributes = trunk.HeadersToAttributes,
        AttributesToHeaders = trunk.AttributesToHeaders,
        IncludeHeaders = trunk.IncludeHeaders switch
        {
            SipHeaderOptions.XHeaders => "SIP_X_HEADERS",
            SipHeaderOptions.All => "SIP_ALL_HEADERS",
            _ => "SIP_NO_HEADERS",
        },
        RingingTimeout = Duration(trunk.RingingTimeout),
        MaxCallDuration = Duration(trunk.MaxCallDuration),
        KrispEnabled = trunk.KrispEnabled,
        Media = Media(trunk.Media),
    };

    public static Rules.DispatchRule ToCore(SipDispatchRuleInfo rule)
    {
        var (kind, room, pin, noRandomness, randomize) = rule.Rule switch
        {
            { DispatchRuleDirect: { } direct } => (Rules.DispatchRuleKind.Direct, direct.RoomName, direct.Pin, false, false),
            { DispatchRuleCallee: { } callee } => (Rules.DispatchRuleKind.Callee, callee.RoomPrefix, callee.Pin, false, callee.Randomize),
            { DispatchRuleIndividual: { } individual } => (Rules.DispatchRuleKind.Individual, individual.RoomPrefix, individual.Pin, individual.NoRandomness, false),
            _ => (Rules.DispatchRuleKind.Individual, "", "", false, false),
        };
        return new Rules.DispatchRule
        {
            Id = rule.SipDispatchRuleId,
            Kind = kind,
            Room = room,
            Pin = pin,
            NoRandomness = noRandomness,
            Randomize = randomize,
            TrunkIds = rule.TrunkIds,
            HidePhoneNumber = rule.HidePhoneNumber,
            InboundNumbers = rule.InboundNumbers,
            Numbers = rule.Numbers,
            Name = rule.Name,
            Metadata = rule.Metadata,
            Attributes = rule.Attributes,
            RoomPreset = rule.RoomPreset,
            RoomConfig = rule.RoomConfig is { } config && !IsDefault(config) ? ToCore(config) : null,
            Media = Media(rule.Media),
            KrispEnabled = rule.KrispEnabled,
            MediaEncryption = Encryption(rule.MediaEncryption),
        };
    }

    public static SipInboundTrunkInfo ToApi(Rules.InboundTrunk trunk) => new()
    {
        SipTrunkId = trunk.Id,
        Name = trunk.Name,
        Metadata = trunk.Metadata,
        Numbers = trunk.Numbers,
        AllowedAddresses = trunk.AllowedAddresses,
        AllowedNumbers = trunk.AllowedNumbers,
        AuthUsername = trunk.AuthUsername,
        AuthPassword = trunk.AuthPassword,
        AuthRealm = trunk.AuthRealm,
        Headers = trunk.Headers,
        HeadersToAttributes = trunk.HeadersToAttributes,
        AttributesToHeaders = trunk.AttributesToHeaders,
        IncludeHeaders = trunk.IncludeHeaders switch
        {
            "SIP_X_HEADERS" => SipHeaderOptions.XHeaders,
            "SIP_ALL_HEADERS" => SipHeaderOptions.All,
            _ => SipHeaderOptions.None,
        },
        RingingTimeout = Duration(trunk.RingingTimeout),
        MaxCallDuration = Duration(trunk.MaxCallDuration),
        KrispEnabled = trunk.KrispEnabled,
        Media = Media(trunk.Media),
    };

    public static SipDispatchRuleInfo ToApi(Rules.DispatchRule rule) => new()
    {
        SipDispatchRuleId = rule.Id,
        Rule = rule.Kind switch
        {
            Rules.DispatchRuleKind.Direct => new SipDispatchRule { DispatchRuleDirect = new SipDispatchRuleDirect { RoomName = rule.Room, Pin = rule.Pin } },
            Rules.DispatchRuleKind.Callee => new SipDispatchRule { DispatchRuleCallee = new SipDispatchRuleCallee { RoomPrefix = rule.Room, Pin = rule.Pin, Randomize = rule.Randomize } },
            _ => new SipDispatchRule { DispatchRuleIndividual = new SipDispatchRuleIndividual { RoomPrefix = rule.Room, Pin = rule.Pin, NoRandomness = rule.NoRandomness } },
        },
        TrunkIds = rule.TrunkIds,
        HidePhoneNumber = rule.HidePhoneNumber,
        InboundNumbers = rule.InboundNumbers,
        Numbers = rule.Numbers,
        Name = rule.Name,
        Metadata = rule.Metadata,
        Attributes = rule.Attributes,
        RoomPreset = rule.RoomPreset,
        RoomConfig = rule.RoomConfig is { } config ? ToApi(config) : null,
        Media = Media(rule.Media),
        KrispEnabled = rule.KrispEnabled,
        MediaEncryption = rule.MediaEncryption switch
        {
            "SIP_MEDIA_ENCRYPT_ALLOW" => SipMediaEncryption.Allow,
            "SIP_MEDIA_ENCRYPT_REQUIRE" => SipMediaEncryption.Require,
            _ => SipMediaEncryption.Disable,
        },
    };

    private static Rules.RoomConfiguration ToCore(RoomConfiguration config) => new()
    {
        Name = config.Name,
        EmptyTimeout = config.EmptyTimeout,
        DepartureTimeout = config.DepartureTimeout,
        MaxParticipants = config.MaxParticipants,
        Metadata = config.Metadata,
        MinPlayoutDelay = config.MinPlayoutDelay,
        MaxPlayoutDelay = config.MaxPlayoutDelay,
        SyncStreams = config.SyncStreams,
        Agents = [.. config.Agents.Select(a => new Rules.RoomAgentDispatch
        {
            AgentName = a.AgentName,
            Metadata = a.Metadata,
            RestartPolicy = a.RestartPolicy == JobRestartPolicy.Never ? "JRP_NEVER" : "JRP_ON_FAILURE",
            Deployment = a.Deployment,
            Attributes = a.Attributes,
        })],
        Tags = config.Tags,
    };

    private static RoomConfiguration ToApi(Rules.RoomConfiguration config) => new()
    {
        Name = config.Name,
        EmptyTimeout = config.EmptyTimeout,
        DepartureTimeout = config.DepartureTimeout,
        MaxParticipants = config.MaxParticipants,
        Metadata = config.Metadata,
        MinPlayoutDelay = config.MinPlayoutDelay,
        MaxPlayoutDelay = config.MaxPlayoutDelay,
        SyncStreams = config.SyncStreams,
        Agents = [.. config.Agents.Select(a => new RoomAgentDispatch
        {
            AgentName = a.AgentName,
            Metadata = a.Metadata,
            RestartPolicy = a.RestartPolicy == "JRP_NEVER" ? JobRestartPolicy.Never : JobRestartPolicy.OnFailure,
            Deployment = a.Deployment,
            Attributes = a.Attributes,
        })],
        Tags = config.Tags,
    };

    private static bool IsDefault(RoomConfiguration config) =>
        config is { Name: "", EmptyTimeout: 0, DepartureTimeout: 0, MaxParticipants: 0, Metadata: "", MinPlayoutDelay: 0, MaxPlayoutDelay: 0, SyncStreams: false }
        && config.Agents.Count == 0 && config.Tags.Count == 0;

    private static string Encryption(SipMediaEncryption encryption) => encryption switch
    {
        SipMediaEncryption.Allow => "SIP_MEDIA_ENCRYPT_ALLOW",
        SipMediaEncryption.Require => "SIP_MEDIA_ENCRYPT_REQUIRE",
        _ => "SIP_MEDIA_ENCRYPT_DISABLE",
    };

    private static string? Duration(TimeSpan? duration) =>
        duration is { } value ? ((decimal)value.Ticks / TimeSpan.TicksPerSecond).ToString("0.#######", CultureInfo.InvariantCulture) + "s" : null;

    private static TimeSpan? Duration(string? duration) =>
        duration is { Length: > 1 } text && text.EndsWith('s')
        && decimal.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds)
            ? TimeSpan.FromTicks((long)(seconds * TimeSpan.TicksPerSecond))
            : null;

    /// <summary><c>media</c> as Core keeps it, an opaque JSON object in proto names; null when nothing in it is set.</summary>
    private static JsonElement? Media(SipMediaConfig? media)
    {
        if (media is null || (!media.OnlyListedCodecs && media.Codecs.Count == 0 && media.Encryption is null && media.MediaTimeout is null))
        {
            return null;
        }

        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            json.WriteBoolean("only_listed_codecs", media.OnlyListedCodecs);
            json.WriteStartArray("codecs");
            foreach (var codec in media.Codecs)
            {
                json.WriteStartObject();
                json.WriteString("name", codec.Name);
                json.WriteNumber("rate", codec.Rate);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            if (media.Encryption is { } encryption)
            {
                json.WriteString("encryption", Encryption(encryption));
            }

            if (Duration(media.MediaTimeout) is { } timeout)
            {
                json.WriteString("media_timeout", timeout);
            }

            json.WriteEndObject();
        }

        using var document = JsonDocument.Parse(stream.ToArray());
        return document.RootElement.Clone();
    }

    private static SipMediaConfig? Media(JsonElement? media)
    {
        if (media is not { ValueKind: JsonValueKind.Object } element)
        {
            return null;
        }

        var config = new SipMediaConfig
        {
            OnlyListedCodecs = element.TryGetProperty("only_listed_codecs", out var only) && only.ValueKind == JsonValueKind.True,
            MediaTimeout = element.TryGetProperty("media_timeout", out var timeout) && timeout.ValueKind == JsonValueKind.String ? Duration(timeout.GetString()) : null,
        };
        if (element.TryGetProperty("codecs", out var codecs) && codecs.ValueKind == JsonValueKind.Array)
        {
            config.Codecs = [.. codecs.EnumerateArray().Select(c => new SipCodec
            {
                Name = c.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String ? name.GetString()! : "",
                Rate = c.TryGetProperty("rate", out var rate) && rate.TryGetUInt32(out var value) ? value : 0,
            })];
        }

        if (element.TryGetProperty("encryption", out var encryption) && encryption.ValueKind == JsonValueKind.String)
        {
            config.Encryption = encryption.GetString() switch
            {
                "SIP_MEDIA_ENCRYPT_ALLOW" => SipMediaEncryption.Allow,
                "SIP_MEDIA_ENCRYPT_REQUIRE" => SipMediaEncryption.Require,
                _ => SipMediaEncryption.Disable,
            };
        }

        return config;
    }
}
