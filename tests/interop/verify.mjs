// Verifies tokens minted by Switchboard with the official LiveKit Node SDK.
//
// stdin: one JSON object per line:
//   {"mode": "webhook", "key": "...", "secret": "...", "body": "...", "auth": "..."}  -> WebhookReceiver.receive(body, auth)
//   {"mode": "token", "key": "...", "secret": "...", "token": "..."}                 -> TokenVerifier.verify(token)
// stdout: one JSON object per input line:
//   {"ok": true, "event": "room_started"} or {"ok": true, "claims": {...}} on success, {"ok": false, "error": "..."} otherwise.
import { createInterface } from 'node:readline';
import { TokenVerifier, WebhookReceiver } from 'livekit-server-sdk';

async function check(request) {
  switch (request.mode) {
    case 'webhook': {
      const event = await new WebhookReceiver(request.key, request.secret).receive(request.body, request.auth);
      return { ok: true, event: event.event };
    }
    case 'token': {
      const claims = await new TokenVerifier(request.key, request.secret).verify(request.token);
      return { ok: true, claims };
    }
    default:
      throw new Error(`unknown mode '${request.mode}'`);
  }
}

for await (const line of createInterface({ input: process.stdin })) {
  if (line.trim() === '') continue;
  let result;
  try {
    result = await check(JSON.parse(line));
  } catch (error) {
    result = { ok: false, error: String(error?.message ?? error) };
  }
  console.log(JSON.stringify(result));
}
