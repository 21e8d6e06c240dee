import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, distributorAccounts } from '../../db/schema/index.js';
import { PU_SANDBOX_API_KEY, PU_SANDBOX_DEALER_NUMBER } from '../../distributors/parts-unlimited/sandbox/store.js';
import { WPS_SANDBOX_TOKEN } from '../../distributors/wps/sandbox/index.js';
import { dealerApi } from '../helpers/api.js';
import { startStack, type Stack } from '../helpers/stack.js';

/** Distributor account settings over HTTP: credentials go in encrypted and never come back out. */
describe('distributor accounts API', () => {
  let stack: Stack;
  let api: ReturnType<typeof dealerApi>;

  beforeAll(async () => {
    stack = await startStack();
    api = dealerApi(stack.app, stack.apiKey);
  });
  afterAll(async () => stack?.stop());

  const savedRow = async (distributor: string) =>
    (
      await stack.db
        .select()
        .from(distributorAccounts)
        .where(and(eq(distributorAccounts.dealerId, stack.dealerId), eq(distributorAccounts.distributor, distributor)))
    )[0];

  it('lists every distributor with what is saved, and no secret', async () => {
    const { status, body } = await api('GET', '/v1/distributor-accounts');
    expect(status).toBe(200);
    expect(body.accounts.map((a: any) => [a.distributor, a.configured])).toEqual([
      ['wps', true],
      ['parts_unlimited', false],
      ['tucker_rocky', false],
      ['automatic', false],
    ]);
    expect(body.accounts[2]).toMatchObject({ name: 'Tucker Rocky', credentialFields: ['customerNumber', 'apiKey'], creditCardOnFile: false });
    expect(JSON.stringify(body)).not.toContain(WPS_SANDBOX_TOKEN);
    // Readiness: what each distributor still needs before it takes orders, as the dealer would do it.
    expect(body.accounts.map((a: any) => [a.distributor, a.ready, a.missing])).toEqual([
      ['wps', true, []],
      ['parts_unlimited', false, ['Save your Parts Unlimited credentials']],
      ['tucker_rocky', false, ['Save your Tucker Rocky credentials', 'Put a credit card on file with Tucker Rocky, then tick “Credit card on file”']],
      ['automatic', false, ['Save your Automatic Distributors credentials']],
    ]);
  });

  it('lists every distributor from its plug-in: name, suffix, what it requires on file and its credential fields with their labels', async () => {
    const { body } = await api('GET', '/v1/distributors');
    expect(body.distributors.map((d: { id: string }) => d.id)).toEqual(['wps', 'parts_unlimited', 'tucker_rocky', 'automatic']);
    expect(body.distributors[2]).toMatchObject({
      name: 'Tucker Rocky',
      poSuffix: 'T',
      credentialFields: ['customerNumber', 'apiKey'],
      credentialLabels: { customerNumber: 'Customer number', apiKey: 'API key' },
      accountRequirements: { taxIdOnFile: false, creditCardOnFile: true },
    });
  });

  it('refuses incomplete or misspelt credentials with the field named, and saves nothing', async () => {
    const missing = await api('PUT', '/v1/distributor-accounts/parts_unlimited', { credentials: { dealerNumber: PU_SANDBOX_DEALER_NUMBER } });
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toContain('API key is required');
    expect(missing.body.error.details.fields).toEqual([{ field: 'body.credentials.apiKey', message: 'API key is required' }]);

    const misspelt = await api('PUT', '/v1/distributor-accounts/parts_unlimited', { credentials: { dealerNumber: '1', apiKey: 'k', apikey: 'k' } });
    expect(misspelt.status).toBe(400);
    expect(misspelt.body.error.message).toContain('have no apikey');

    const empty = await api('PUT', '/v1/distributor-accounts/parts_unlimited', {});
    expect(empty.status).toBe(400);
    const unknown = await api('PUT', '/v1/distributor-accounts/acme', { taxIdOnFile: true });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details.fields[0].message).toContain('Distributor must be one of');

    expect(await savedRow('parts_unlimited')).toBeUndefined();
  });

  it('encrypts saved credentials, returns only that they are saved, and audits who saved them', async () => {
    const { status, body } = await api('PUT', '/v1/distributor-accounts/parts_unlimited', {
      credentials: { dealerNumber: PU_SANDBOX_DEALER_NUMBER, apiKey: PU_SANDBOX_API_KEY },
    });
    expect(status).toBe(200);
    expect(body).toMatchObject({ distributor: 'parts_unlimited', configured: true, taxIdOnFile: false });
    expect(body.credentialsSavedAt).toEqual(expect.any(String));
    expect(JSON.stringify(body)).not.toContain(PU_SANDBOX_API_KEY);

    const row = (await savedRow('parts_unlimited'))!;
    expect(row.credentialsCiphertext).not.toContain(PU_SANDBOX_API_KEY);
    expect(Buffer.from(row.credentialsCiphertext!, 'base64').toString('latin1')).not.toContain(PU_SANDBOX_API_KEY);
    expect(stack.cipher.decrypt(row.credentialsCiphertext!, row.credentialsKeyId!)).toEqual({
      dealerNumber: PU_SANDBOX_DEALER_NUMBER,
      apiKey: PU_SANDBOX_API_KEY,
    });

    const audit = await stack.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.dealerId, stack.dealerId), eq(auditEvents.type, 'distributor_account.saved')));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorType: 'dealer_user', actorId: 'alex@ridgeline.example', summary: 'Parts Unlimited account updated: credentials' });
    expect(JSON.stringify(audit)).not.toContain(PU_SANDBOX_API_KEY);
  });

  it('changes readiness facts without touching saved credentials', async () => {
    const before = (await savedRow('parts_unlimited'))!;
    const { status, body } = await api('PUT', '/v1/distributor-accounts/parts_unlimited', { creditCardOnFile: true });
    expect(status).toBe(200);
    expect(body).toMatchObject({ configured: true, creditCardOnFile: true });
    const after = (await savedRow('parts_unlimited'))!;
    expect(after.credentialsCiphertext).toBe(before.credentialsCiphertext);
    expect(after.credentialsSavedAt).toEqual(before.credentialsSavedAt);
  });

  it('tests the connection with the saved credentials through the worker', async () => {
    const good = await api('POST', '/v1/distributor-accounts/parts_unlimited/test-connection');
    expect(good.status).toBe(200);
    expect(good.body).toMatchObject({ distributor: 'parts_unlimited', ok: true });

    await api('PUT', '/v1/distributor-accounts/parts_unlimited', { credentials: { dealerNumber: PU_SANDBOX_DEALER_NUMBER, apiKey: 'revoked-key' } });
    const refused = await api('POST', '/v1/distributor-accounts/parts_unlimited/test-connection');
    expect(refused.status).toBe(200);
    expect(refused.body.ok).toBe(false);
    expect(refused.body.reason).toMatch(/Parts Unlimited/);
    expect(refused.body.reason).not.toContain('revoked-key');

    const notSaved = await api('POST', '/v1/distributor-accounts/tucker_rocky/test-connection');
    expect(notSaved.status).toBe(422);
    expect(notSaved.body.error.message).toBe('Save your Tucker Rocky credentials before testing the connection');
  });

  it('forgets credentials on request and keeps the readiness facts', async () => {
    const removed = await api('DELETE', '/v1/distributor-accounts/parts_unlimited/credentials');
    expect(removed.status).toBe(204);
    const row = (await savedRow('parts_unlimited'))!;
    expect(row).toMatchObject({ credentialsCiphertext: null, credentialsKeyId: null, credentialsSavedAt: null, creditCardOnFile: true });
    expect((await api('DELETE', '/v1/distributor-accounts/automatic/credentials')).status).toBe(404);
  });
});
