// Signs webhook bodies with the official LiveKit Node SDK, the way LiveKit's webhook sender does
// (livekit.md §1.2): an AccessToken for the API key, valid 5 minutes, whose sha256 claim is the standard
// padded Base64 of SHA-256 over the exact body bytes (WebhookReceiver recomputes it with btoa).
//
// stdin: one JSON object per line, {"key": "...", "secret": "...", "body": "..."}
// stdout: one JSON object per input line, {"token": "..."}
import { createHash } from 'node:crypto';
import { createInterface } from 'node:readline';
import { AccessToken } from 'livekit-server-sdk';

for await (const line of createInterface({ input: process.stdin })) {
  if (line.trim() === '') continue;
  const { key, secret, body } = JSON.parse(line);
  const token = new AccessToken(key, secret, { ttl: '5m' });
  token.sha256 = createHash('sha256').update(body, 'utf8').digest('base64');
  console.log(JSON.stringify({ token: await token.toJwt() }));
}
