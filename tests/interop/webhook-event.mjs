// Builds LiveKit webhook events with @livekit/protocol's own message classes and writes them with its JSON writer, the
// protojson form LiveKit's Go sender also produces (livekit.md §1.3): lowerCamelCase names, int64 as strings, enum value
// names, fields holding their defaults left out. Writer options (enumAsInteger, useProtoFieldName, emitDefaultValues)
// produce the other forms a protojson reader must accept.
//
// stdin: one JSON object per line:
//   {"mode": "write", "event": {...}, "options": {...}}  -> {"body": "..."}
//       event: WebhookEvent fields by their JSON names; int64 values as strings, enums as numbers, which must be values
//       the library knows. Besides the modelled fields, "extras": true adds fields a reader must skip (room version and
//       codecs, participant version, track layers and codecs).
//   {"mode": "rewrite", "body": "...", "options": {...}} -> {"body": "..."}  WebhookEvent.fromJsonString, then toJsonString
//   {"mode": "enums"} -> {"enums": {"DisconnectReason": {"UNKNOWN_REASON": 0, ...}, ...}}  every value the library knows
// stdout: one JSON object per input line, or {"error": "..."} when the library refuses the input.
import { createInterface } from 'node:readline';
import {
  Codec,
  DisconnectReason,
  ParticipantInfo,
  ParticipantInfo_Kind,
  ParticipantInfo_KindDetail,
  ParticipantInfo_State,
  ParticipantPermission,
  Room,
  SimulcastCodecInfo,
  TimedVersion,
  TrackInfo,
  TrackSource,
  TrackType,
  VideoLayer,
  WebhookEvent,
} from '@livekit/protocol';

const enums = {
  DisconnectReason,
  ParticipantInfo_Kind,
  ParticipantInfo_KindDetail,
  ParticipantInfo_State,
  TrackSource,
  TrackType,
};

const int64 = (value) => (value === undefined || value === null ? undefined : BigInt(value));
const number = (value) => (value === undefined || value === null ? undefined : Number(value));

// A number the library's enum must know: an unknown one is a mistake in the test, not a value to write.
function enumValue(type, value) {
  if (value === undefined || value === null) return undefined;
  const n = Number(value);
  if (typeof type[n] !== 'string') throw new Error(`${value} is not a value of ${Object.keys(enums).find((k) => enums[k] === type)}`);
  return n;
}

function room(r, extras) {
  if (!r) return undefined;
  return new Room({
    sid: r.sid,
    name: r.name,
    emptyTimeout: number(r.emptyTimeout),
    departureTimeout: number(r.departureTimeout),
    maxParticipants: number(r.maxParticipants),
    creationTime: int64(r.creationTime),
    creationTimeMs: int64(r.creationTimeMs),
    metadata: r.metadata,
    numParticipants: number(r.numParticipants),
    numPublishers: number(r.numPublishers),
    activeRecording: r.activeRecording,
    ...(extras && {
      turnPassword: 'not-for-webhooks',
      enabledCodecs: [new Codec({ mime: 'audio/opus' }), new Codec({ mime: 'video/VP8', fmtpLine: 'x' })],
      version: new TimedVersion({ unixMicro: 1760000001234567n, ticks: 3 }),
    }),
  });
}

function track(t, extras) {
  return new TrackInfo({
    sid: t.sid,
    type: enumValue(TrackType, t.type),
    name: t.name,
    muted: t.muted,
    source: enumValue(TrackSource, t.source),
    mimeType: t.mimeType,
    ...(extras && {
      mid: '0',
      width: 640,
      layers: [new VideoLayer({ width: 640, height: 480, bitrate: 500000 })],
      codecs: [new SimulcastCodecInfo({ mimeType: t.mimeType, mid: '0' })],
      version: new TimedVersion({ unixMicro: 1760000001500000n, ticks: 1 }),
    }),
  });
}

function participant(p, extras) {
  if (!p) return undefined;
  return new ParticipantInfo({
    sid: p.sid,
    identity: p.identity,
    name: p.name,
    state: enumValue(ParticipantInfo_State, p.state),
    kind: enumValue(ParticipantInfo_Kind, p.kind),
    kindDetails: (p.kindDetails ?? []).map((d) => enumValue(ParticipantInfo_KindDetail, d)),
    attributes: p.attributes,
    metadata: p.metadata,
    joinedAt: int64(p.joinedAt),
    joinedAtMs: int64(p.joinedAtMs),
    disconnectReason: enumValue(DisconnectReason, p.disconnectReason),
    permission: p.permission && new ParticipantPermission({
      ...p.permission,
      canPublishSources: (p.permission.canPublishSources ?? []).map((s) => enumValue(TrackSource, s)),
    }),
    tracks: (p.tracks ?? []).map((t) => track(t, extras)),
    region: p.region,
    isPublisher: p.isPublisher,
    ...(extras && { version: 7, clientProtocol: 1 }),
  });
}

function webhookEvent(e, extras) {
  return new WebhookEvent({
    event: e.event,
    id: e.id,
    createdAt: int64(e.createdAt),
    room: room(e.room, extras),
    participant: participant(e.participant, extras),
    track: e.track && track(e.track, extras),
  });
}

function values(type) {
  return Object.fromEntries(Object.entries(type).filter(([, v]) => typeof v === 'number'));
}

function handle(request) {
  switch (request.mode) {
    case 'write':
      return { body: webhookEvent(request.event, request.extras === true).toJsonString(request.options ?? {}) };
    case 'rewrite':
      return { body: WebhookEvent.fromJsonString(request.body, { ignoreUnknownFields: true }).toJsonString(request.options ?? {}) };
    case 'enums':
      return { enums: Object.fromEntries(Object.entries(enums).map(([name, type]) => [name, values(type)])) };
    default:
      throw new Error(`unknown mode '${request.mode}'`);
  }
}

for await (const line of createInterface({ input: process.stdin })) {
  if (line.trim() === '') continue;
  let result;
  try {
    result = handle(JSON.parse(line));
  } catch (error) {
    result = { error: String(error?.message ?? error) };
  }
  console.log(JSON.stringify(result));
}
