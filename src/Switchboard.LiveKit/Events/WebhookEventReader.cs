using System.Collections.ObjectModel;
using System.Text.Json;

namespace Switchboard.LiveKit.Events;

/// <summary>
/// Reads one protojson <c>WebhookEvent</c> token by token with <see cref="Utf8JsonReader"/>. Each message reader starts on
/// its value's first token and ends on its last; on a type error it sets <see cref="Error"/> to a message naming the field's
/// JSON path and returns false, and the caller stops. Field names are matched in both forms protojson readers accept.
/// </summary>
internal ref partial struct WebhookEventReader(ReadOnlySpan<byte> utf8Json, int maxDepth)
{
    private Utf8JsonReader _json = new(utf8Json, new JsonReaderOptions { MaxDepth = maxDepth });

    public string? Error { get; private set; }

    /// <summary>Reads the whole body; null (with <see cref="Error"/> set) when it is not a webhook event.</summary>
    public WebhookEvent? ReadEvent()
    {
        _json.Read();
        if (_json.TokenType != JsonTokenType.StartObject)
        {
            Error = "The body is not a JSON object.";
            return null;
        }

        var top = Scope.Root;
        string name = "", id = "";
        long createdAt = 0;
        LiveKitRoom? room = null;
        ParticipantInfo? participant = null;
        TrackInfo? track = null;
        JsonElement? egress = null, ingress = null, job = null;
        Span<char> buffer = stackalloc char[MaxNameLength];
        while (NextProperty())
        {
            var field = PropertyName(in _json, buffer);
            _json.Read();
            var ok = field switch
            {
                "event" => Text(top.Dot("event"), out name),
                "id" => Text(top.Dot("id"), out id),
                "createdAt" or "created_at" => Integer(top.Dot("createdAt"), out createdAt),
                "room" => Room(out room),
                "participant" => Participant(out participant),
                "track" => Track(new Scope("track"), out track),
                "egressInfo" or "egress_info" => Raw("egressInfo", out egress),
                "ingressInfo" or "ingress_info" => Raw("ingressInfo", out ingress),
                "job" => Raw("job", out job),
                _ => Skip(),
            };
            if (!ok)
            {
                return null;
            }
        }

        // The reader throws on anything but whitespace after the object (AllowMultipleValues is off).
        _json.Read();

        // LiveKit always sets both; protojson omits empty strings, so "" is as absent as a missing field.
        if (name.Length == 0 || id.Length == 0)
        {
            Error = $"The body has no '{(name.Length == 0 ? "event" : "id")}' field.";
            return null;
        }

        if (!UnixTime(top.Dot("createdAt"), createdAt, TimeSpan.TicksPerSecond, out var created))
        {
            return null;
        }

        return new WebhookEvent
        {
            Event = name,
            Id = id,
            CreatedAt = created ?? DateTimeOffset.UnixEpoch,
            Room = room,
            Participant = participant,
            Track = track,
            EgressInfo = egress,
            IngressInfo = ingress,
            Job = job,
        };
    }

    private bool Room(out LiveKitRoom? room)
    {
        room = null;
        var scope = new Scope("room");
        if (!StartMessage(scope))
        {
            return !IsFailed;
        }

        string sid = "", name = "", metadata = "";
        long emptyTimeout = 0, departureTimeout = 0, maxParticipants = 0, creationTime = 0, creationTimeMs = 0, participants = 0, publishers = 0;
        var recording = false;
        Span<char> buffer = stackalloc char[MaxNameLength];
        while (NextProperty())
        {
            var field = PropertyName(in _json, buffer);
            _json.Read();
            var ok = field switch
            {
                "sid" => Text(scope.Dot("sid"), out sid),
                "name" => Text(scope.Dot("name"), out name),
                "emptyTimeout" or "empty_timeout" => UInt32(scope.Dot("emptyTimeout"), out emptyTimeout),
                "departureTimeout" or "departure_timeout" => UInt32(scope.Dot("departureTimeout"), out departureTimeout),
                "maxParticipants" or "max_participants" => UInt32(scope.Dot("maxParticipants"), out maxParticipants),
                "creationTime" or "creation_time" => Integer(scope.Dot("creationTime"), out creationTime),
                "creationTimeMs" or "creation_time_ms" => Integer(scope.Dot("creationTimeMs"), out creationTimeMs),
                "metadata" => Text(scope.Dot("metadata"), out metadata),
                "numParticipants" or "num_participants" => UInt32(scope.Dot("numParticipants"), out participants),
                "numPublishers" or "num_publishers" => UInt32(scope.Dot("numPublishers"), out publishers),
                "activeRecording" or "active_recording" => Bool(scope.Dot("activeRecording"), out recording),
                _ => Skip(),
            };
            if (!ok)
            {
                return false;
            }
        }

        if (!Time(scope, "creationTime", creationTime, "creationTimeMs", creationTimeMs, out var created))
        {
            return false;
        }

        room = new LiveKitRoom
        {
            Sid = sid,
            Name = name,
            EmptyTimeout = TimeSpan.FromSeconds(emptyTimeout),
            DepartureTimeout = TimeSpan.FromSeconds(departureTimeout),
            MaxParticipants = (uint)maxParticipants,
            CreationTime = created,
            Metadata = metadata,
            NumParticipants = (uint)participants,
            NumPublishers = (uint)publishers,
            ActiveRecording = recording,
        };
        return true;
    }

    private bool Participant(out ParticipantInfo? participant)
    {
        participant = null;
        var scope = new Scope("participant");
        if (!StartMessage(scope))
        {
            return !IsFailed;
        }

        string sid = "", identity = "", name = "", metadata = "", region = "";
        var state = ParticipantState.Joining;
        var kind = ParticipantKind.Standard;
        var reason = DisconnectReason.UnknownReason;
        IReadOnlyList<ParticipantKindDetail> kindDetails = [];
        IReadOnlyDictionary<string, string> attributes = ReadOnlyDictionary<string, string>.Empty;
        IReadOnlyList<TrackInfo> tracks = [];
        long joinedAt = 0, joinedAtMs = 0;
        ParticipantPermissions? permission = null;
        var publisher = false;
        Span<char> buffer = stackalloc char[MaxNameLength];
        while (NextProperty())
        {
            var field = PropertyName(in _json, buffer);
            _json.Read();
            var ok = field switch
            {
                "sid" => Text(scope.Dot("sid"), out sid),
                "identity" => Text(scope.Dot("identity"), out identity),
                "name" => Text(scope.Dot("name"), out name),
                "state" => EnumValue(scope.Dot("state"), ProtoEnumNames.States, out state),
                "kind" => EnumValue(scope.Dot("kind"), ProtoEnumNames.Kinds, out kind),
                "kindDetails" or "kind_details" => EnumList("participant.kindDetails", ProtoEnumNames.KindDetails, out kindDetails),
                "attributes" => StringMap("participant.attributes", out attributes),
                "metadata" => Text(scope.Dot("metadata"), out metadata),
                "joinedAt" or "joined_at" => Integer(scope.Dot("joinedAt"), out joinedAt),
                "joinedAtMs" or "joined_at_ms" => Integer(scope.Dot("joinedAtMs"), out joinedAtMs),
                "disconnectReason" or "disconnect_reason" => EnumValue(scope.Dot("disconnectReason"), ProtoEnumNames.DisconnectReasons, out reason),
                "permission" => Permission(out permission),
                "tracks" => Tracks(out tracks),
                "region" => Text(scope.Dot("region"), out region),
                "isPublisher" or "is_publisher" => Bool(scope.Dot("isPublisher"), out publisher),
                _ => Skip(),
            };
            if (!ok)
            {
                return false;
            }
        }

        if (!Time(scope, "joinedAt", joinedAt, "joinedAtMs", joinedAtMs, out var joined))
        {
            return false;
        }

        participant = new ParticipantInfo
        {
            Sid = sid,
            Identity = identity,
            Name = name,
            State = state,
            Kind = kind,
            KindDetails = kindDetails,
            Attributes = attributes,
            Metadata = metadata,
            JoinedAt = joined,
            DisconnectReason = reason,
            Permission = permission,
            Tracks = tracks,
            Region = region,
            IsPublisher = publisher,
        };
        return true;
    }

    private bool Permission(out ParticipantPermissions? permission)
    {
        permission = null;
        var scope = new Scope("participant.permission");
        if (!StartMessage(scope))
        {
            return !IsFailed;
        }

        bool subscribe = false, publish = false, publishData = false, hidden = false, updateMetadata = false, subscribeMetrics = false, manageAgent = false;
        IReadOnlyList<TrackSource> sources = [];
        Span<char> buffer = stackalloc char[MaxNameLength];
        while (NextProperty())
        {
            var field = PropertyName(in _json, buffer);
            _json.Read();
            var ok = field switch
            {
                "canSubscribe" or "can_subscribe" => Bool(scope.Dot("canSubscribe"), out subscribe),
                "canPublish" or "can_publish" => Bool(scope.Dot("canPublish"), out publish),
                "canPublishData" or "can_publish_data" => Bool(scope.Dot("canPublishData"), out publishData),
                "canPublishSources" or "can_publish_sources" => EnumList("participant.permission.canPublishSources", ProtoEnumNames.TrackSources, out sources),
                "hidden" => Bool(scope.Dot("hidden"), out hidden),
                "canUpdateMetadata" or "can_update_metadata" => Bool(scope.Dot("canUpdateMetadata"), out updateMetadata),
                "canSubscribeMetrics" or "can_subscribe_metrics" => Bool(scope.Dot("canSubscribeMetrics"), out subscribeMetrics),
                "canManageAgentSession" or "can_manage_agent_session" => Bool(scope.Dot("canManageAgentSession"), out manageAgent),
                _ => Skip(),
            };
            if (!ok)
            {
                return false;
            }
        }

        permission = new ParticipantPermissions
        {
            CanSubscribe = subscribe,
            CanPublish = publish,
            CanPublishData = publishData,
            CanPublishSources = sources,
            Hidden = hidden,
            CanUpdateMetadata = updateMetadata,
            CanSubscribeMetrics = subscribeMetrics,
            CanManageAgentSession = manageAgent,
        };
        return true;
    }

    private bool Tracks(out IReadOnlyList<TrackInfo> tracks)
    {
        tracks = [];
        const string path = "participant.tracks";
        if (!StartList(path))
        {
            return !IsFailed;
        }

        List<TrackInfo>? list = null;
        for (var index = 0; NextElement(); index++)
        {
            var element = new Scope(path, index);
            if (_json.TokenType == JsonTokenType.Null)
            {
                return Fail(element, "must be an object");
            }

            if (!Track(element, out var track))
            {
                return false;
            }

            (list ??= []).Add(track!);
        }

        if (list is not null)
        {
            tracks = list;
        }

        return true;
    }

    private bool Track(Scope scope, out TrackInfo? track)
    {
        track = null;
        if (!StartMessage(scope))
        {
            return !IsFailed;
        }

        string sid = "", name = "", mimeType = "";
        var type = TrackType.Audio;
        var source = TrackSource.Unknown;
        var muted = false;
        Span<char> buffer = stackalloc char[MaxNameLength];
        while (NextProperty())
        {
            var field = PropertyName(in _json, buffer);
            _json.Read();
            var ok = field switch
            {
                "sid" => Text(scope.Dot("sid"), out sid),
                "type" => EnumValue(scope.Dot("type"), ProtoEnumNames.TrackTypes, out type),
                "name" => Text(scope.Dot("name"), out name),
                "muted" => Bool(scope.Dot("muted"), out muted),
                "source" => EnumValue(scope.Dot("source"), ProtoEnumNames.TrackSources, out source),
                "mimeType" or "mime_type" => Text(scope.Dot("mimeType"), out mimeType),
                _ => Skip(),
            };
            if (!ok)
            {
                return false;
            }
        }

        track = new TrackInfo { Sid = sid, Type = type, Name = name, Muted = muted, Source = source, MimeType = mimeType };
        return true;
    }
}
