// Parses Twirp JSON bodies with @livekit/protocol's own message classes, strictly: an unknown or misspelt field, a value
// of the wrong type, an unknown enum name or two members of one oneof is an error (LiveKit's server would silently drop
// or misread them instead).
//
// stdin: one JSON object per line, {"type": "CreateSIPDispatchRuleRequest", "body": "<the JSON body as sent>"}
// stdout: one JSON object per input line:
//   {"ok": true, "message": {...}}  the parsed message written back with proto field names (defaults left out)
//   {"ok": false, "error": "..."}   the parser's complaint
import { createInterface } from 'node:readline';
import * as protocol from '@livekit/protocol';

function parse({ type, body }) {
  const messageType = protocol[type];
  if (typeof messageType?.fromJsonString !== 'function') {
    throw new Error(`@livekit/protocol has no message class '${type}'`);
  }
  const message = messageType.fromJsonString(body, { ignoreUnknownFields: false });
  return { ok: true, message: message.toJson({ useProtoFieldName: true }) };
}

for await (const line of createInterface({ input: process.stdin })) {
  if (line.trim() === '') continue;
  let result;
  try {
    result = parse(JSON.parse(line));
  } catch (error) {
    result = { ok: false, error: String(error?.message ?? error) };
  }
  console.log(JSON.stringify(result));
}
