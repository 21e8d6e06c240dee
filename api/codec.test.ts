import type { Client } from '@temporalio/client';
import { defaultPayloadConverter } from '@temporalio/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/client.js';
import { testConfig } from '../test/helpers/config.js';
import { EncryptionCodec } from '../temporal/codec.js';
import { buildApp } from './app.js';
import type { CodecServerDeps } from './deps.js';

const TOKEN = 'codec-test-token';
const UI = 'http://127.0.0.1:8233';
const order = { buyer: { name: 'Sam Trail', email: 'sam@example.com' } };

/** The whole app, so the test covers registration outside /v1 and the error envelope; /codec uses neither Postgres nor Temporal. */
function appWith(codecServer: CodecServerDeps | null) {
  return buildApp({
    db: {} as Db,
    credentialsCipher: {
      encrypt: () => {
        throw new Error('unused');
      },
      decrypt: () => {
        throw new Error('unused');
      },
    },
    temporal: {} as Client,
    taskQueue: 'unused',
    tracking: { pollIntervalMs: 1000, giveUpAfterMs: 60_000 },
    workflowAnswerTimeoutMs: 1000,
    codecServer,
  });
}

/** A Payload in the proto3 JSON Temporal Web sends: every bytes field base64. */
function toJson(payload: { metadata?: Record<string, Uint8Array> | null; data?: Uint8Array | null }) {
  return {
    metadata: Object.fromEntries(Object.entries(payload.metadata ?? {}).map(([key, value]) => [key, Buffer.from(value).toString('base64')])),
    data: Buffer.from(payload.data ?? []).toString('base64'),
  };
}

describe('Codec Server (/codec)', () => {
  const codec = new EncryptionCodec(testConfig.payloadKeys);
  let app: Awaited<ReturnType<typeof appWith>>;
  beforeAll(async () => {
    app = await appWith({ codec, authToken: TOKEN, corsOrigins: [UI] });
  });
  afterAll(() => app.close());
  const post = (url: string, payload: unknown, authorization = `Bearer ${TOKEN}`) =>
    app.inject({ method: 'POST', url, headers: { authorization, 'x-namespace': 'default' }, payload: payload as object });

  it('encodes to ciphertext and decodes back to the original JSON payload', async () => {
    const plain = toJson(defaultPayloadConverter.toPayload(order));
    const encoded = await post('/codec/encode', { payloads: [plain] });
    expect(encoded.statusCode).toBe(200);
    const [cipher] = encoded.json<{ payloads: Array<ReturnType<typeof toJson>> }>().payloads;
    expect(Buffer.from(cipher!.metadata.encoding!, 'base64').toString()).toBe('binary/encrypted');
    expect(Buffer.from(cipher!.data, 'base64').toString('latin1')).not.toContain('sam@example.com');

    const decoded = await post('/codec/decode', { payloads: [cipher] });
    expect(decoded.statusCode).toBe(200);
    expect(decoded.json()).toEqual({ payloads: [plain] });
  });

  it('accepts the empty list as the Temporal CLI sends it: proto3 JSON omits it', async () => {
    const response = await post('/codec/decode', {});
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ payloads: [] });
  });

  it('decodes what the workers encrypt to the original plaintext', async () => {
    const encrypted = await codec.encode([defaultPayloadConverter.toPayload(order)]);
    const response = await post('/codec/decode', { payloads: encrypted.map(toJson) });
    expect(response.statusCode).toBe(200);
    const [payload] = response.json<{ payloads: Array<ReturnType<typeof toJson>> }>().payloads;
    expect(Buffer.from(payload!.metadata.encoding!, 'base64').toString()).toBe('json/plain');
    expect(JSON.parse(Buffer.from(payload!.data, 'base64').toString())).toEqual(order);
  });

  it('answers 401 without the configured bearer token, readable by Temporal Web', async () => {
    const payload = { payloads: [] };
    const wrong = await post('/codec/decode', payload, 'Bearer not-the-token');
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json()).toMatchObject({ error: { code: 'UNAUTHORIZED' } });
    const missing = await app.inject({ method: 'POST', url: '/codec/encode', headers: { origin: UI }, payload });
    expect(missing.statusCode).toBe(401);
    expect(missing.headers['access-control-allow-origin']).toBe(UI);
  });

  it('answers the CORS preflight for the configured origin only', async () => {
    const preflight = (origin: string) =>
      app.inject({
        method: 'OPTIONS',
        url: '/codec/decode',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,x-namespace,authorization' },
      });
    const allowed = await preflight(UI);
    expect(allowed.statusCode).toBe(204);
    expect(allowed.headers['access-control-allow-origin']).toBe(UI);
    expect(allowed.headers['access-control-allow-methods']).toContain('POST');
    expect(allowed.headers['access-control-allow-headers']).toBe('content-type, x-namespace, authorization');
    expect((await preflight('https://evil.example')).headers['access-control-allow-origin']).toBeUndefined();
  });

  it('answers malformed bodies and undecryptable payloads with 400 in the error envelope', async () => {
    for (const body of [[], { payloads: [{ data: 'not base64!' }] }, { payloads: 'none' }, { payloads: [{ metadata: { encoding: 7 } }] }]) {
      const response = await post('/codec/decode', body);
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ error: { code: 'BAD_REQUEST', requestId: expect.any(String) } });
    }
    const notJson = await app.inject({
      method: 'POST',
      url: '/codec/encode',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      payload: '{"payloads": [',
    });
    expect(notJson.statusCode).toBe(400);
    expect(notJson.json()).toMatchObject({ error: { code: 'BAD_REQUEST' } });

    const [cipher] = (await codec.encode([defaultPayloadConverter.toPayload(order)])).map(toJson);
    const tampered = { ...cipher!, data: Buffer.from(cipher!.data, 'base64').fill(0, 20, 30).toString('base64') };
    const response = await post('/codec/decode', { payloads: [tampered] });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ error: { code: 'BAD_REQUEST', message: expect.stringContaining('could not be decrypted') } });
  });

  it('is not served when the composition root leaves it out (production without CODEC_AUTH_TOKEN)', async () => {
    const bare = await appWith(null);
    const response = await bare.inject({ method: 'POST', url: '/codec/decode', payload: { payloads: [] } });
    expect(response.statusCode).toBe(404);
    await bare.close();
  });
});
