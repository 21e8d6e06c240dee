import { and, eq, like } from 'drizzle-orm';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiKeys, auditEvents } from '../../db/schema/index.js';
import { dealerApi } from '../helpers/api.js';
import { startStack, type Stack } from '../helpers/stack.js';

const run = promisify(execFile);

/** Dealer API keys over HTTP and through the admin command: shown once, stored hashed, revoked at once. */
describe('API keys', () => {
  let stack: Stack;
  let api: ReturnType<typeof dealerApi>;

  beforeAll(async () => {
    stack = await startStack();
    api = dealerApi(stack.app, stack.apiKey);
  });
  afterAll(async () => stack?.stop());

  const apiKeyCommand = (...args: string[]) =>
    run(process.execPath, ['--import', 'tsx', 'scripts/api-key.ts', ...args], { env: { ...process.env, DATABASE_URL: stack.databaseUrl } });

  it('creates a key that works at once, shows it only in that answer, and revokes it from the next request on', async () => {
    const created = await api('POST', '/v1/api-keys', { name: 'Storefront sync', role: 'staff' });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      id: expect.any(String),
      name: 'Storefront sync',
      prefix: created.body.key.slice(0, 8),
      role: 'staff',
      createdAt: expect.any(String),
      key: expect.stringMatching(/^dl_/),
    });
    const [stored] = await stack.db.select().from(apiKeys).where(eq(apiKeys.id, created.body.id));
    expect(JSON.stringify(stored)).not.toContain(created.body.key);

    const withNewKey = dealerApi(stack.app, created.body.key);
    expect((await withNewKey('GET', '/v1/settings')).status).toBe(200);

    const listed = await api('GET', '/v1/api-keys');
    expect(listed.status).toBe(200);
    expect(listed.body.apiKeys[0]).toEqual({
      id: created.body.id,
      name: 'Storefront sync',
      prefix: created.body.prefix,
      role: 'staff',
      createdAt: created.body.createdAt,
      revokedAt: null,
    });
    expect(JSON.stringify(listed.body)).not.toContain(created.body.key);

    expect((await api('DELETE', `/v1/api-keys/${created.body.id}`)).status).toBe(204);
    const refused = await withNewKey('GET', '/v1/settings');
    expect(refused.status).toBe(401);
    expect(refused.body.error).toMatchObject({ code: 'UNAUTHORIZED', message: 'This API key is unknown or has been revoked' });

    // Revoking again is a no-op: same answer, first revocation time kept, one audit event.
    const revokedAt = (await api('GET', '/v1/api-keys')).body.apiKeys[0].revokedAt;
    expect(revokedAt).toEqual(expect.any(String));
    expect((await api('DELETE', `/v1/api-keys/${created.body.id}`)).status).toBe(204);
    expect((await api('GET', '/v1/api-keys')).body.apiKeys[0].revokedAt).toBe(revokedAt);

    const audit = await stack.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.dealerId, stack.dealerId), like(auditEvents.type, 'api_key.%'), eq(auditEvents.actorType, 'dealer_user')));
    expect(audit.map((a) => [a.type, a.actorId, a.summary])).toEqual([
      ['api_key.created', 'alex@ridgeline.example', `API key "Storefront sync" (${created.body.prefix}…, staff) created`],
      ['api_key.revoked', 'alex@ridgeline.example', `API key "Storefront sync" (${created.body.prefix}…) revoked`],
    ]);
    expect(JSON.stringify(audit)).not.toContain(created.body.key);
  });

  it('refuses a nameless key and an unknown or malformed key id', async () => {
    const nameless = await api('POST', '/v1/api-keys', { name: '  ' });
    expect(nameless.status).toBe(400);
    expect(nameless.body.error.details.fields).toEqual([{ field: 'body.name', message: 'Key name is required' }]);
    const extra = await api('POST', '/v1/api-keys', { name: 'ok', scopes: ['all'] });
    expect(extra.status).toBe(400);

    expect((await api('DELETE', '/v1/api-keys/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    const malformed = await api('DELETE', '/v1/api-keys/not-a-key');
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.details.fields).toEqual([{ field: 'params.keyId', message: 'API key id is not a valid id' }]);
  });

  it('lets an operator create and revoke keys with npm run api-key', async () => {
    const created = await apiKeyCommand('create', '--dealer', stack.dealerId, '--name', 'Back office');
    const key = created.stdout.trim().split('\n').at(-1)!;
    const id = /Created API key ([0-9a-f-]{36})/.exec(created.stdout)![1]!;
    expect((await dealerApi(stack.app, key)('GET', '/v1/settings')).status).toBe(200);

    const revoked = await apiKeyCommand('revoke', '--dealer', stack.dealerId, '--id', id);
    expect(revoked.stdout).toContain(`Revoked API key ${id} ("Back office")`);
    expect((await dealerApi(stack.app, key)('GET', '/v1/settings')).status).toBe(401);

    const [audit] = await stack.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.type, 'api_key.created'), eq(auditEvents.actorId, 'api-key command')));
    expect(audit?.summary).toContain('"Back office"');

    await expect(apiKeyCommand('create', '--dealer', 'no-such-dealer', '--name', 'x')).rejects.toMatchObject({
      code: 1,
      stderr: 'No dealer "no-such-dealer"\n',
    });
    await expect(apiKeyCommand('revoke', '--dealer', stack.dealerId, '--id', 'nope')).rejects.toMatchObject({
      code: 1,
      stderr: `Dealer ${stack.dealerId} has no API key nope\n`,
    });
    await expect(apiKeyCommand('create', '--dealer', stack.dealerId)).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('Usage: npm run api-key'),
    });
  });
});
