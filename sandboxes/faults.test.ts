import { afterEach, describe, expect, it } from 'vitest';
import { createWpsSandbox, WPS_SANDBOX_TOKEN } from '../distributors/wps/sandbox/index.js';
import type { ChaosRecord } from './faults.js';

/** Chaos mode of the shared fault injection, through a sandbox's control API as the chaos suite uses it. */
describe('sandbox chaos mode', () => {
  const sandboxes: Array<ReturnType<typeof createWpsSandbox>> = [];
  afterEach(async () => {
    await Promise.all(sandboxes.splice(0).map((s) => s.close()));
  });

  async function sandbox(chaos: unknown) {
    const wps = createWpsSandbox();
    sandboxes.push(wps);
    const url = await wps.listen();
    const set = await fetch(`${url}/_control/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ chaos }) });
    expect(set.status).toBe(200);
    const call = (method: string, path: string, body?: unknown) =>
      fetch(`${url}${path}`, {
        method,
        headers: { authorization: `Bearer ${WPS_SANDBOX_TOKEN}`, ...(body ? { 'content-type': 'application/json' } : {}) },
        ...(body ? { body: JSON.stringify(body) } : {}),
      }).then(
        (response) => response.status,
        () => 'lost' as const,
      );
    const log = async () => ((await (await fetch(`${url}/_control/chaos`)).json()) as { data: ChaosRecord[] }).data;
    return { wps, call, log };
  }

  const cart = (po: string) => ({ po_number: po, ship_name: 'A', ship_address1: '1 Main', ship_city: 'Boise', ship_state: 'ID', ship_zip: '83702' });

  it('draws the same fates for the same calls from the same seed, and logs each with its subject', async () => {
    const rates = { lost_response: 0.2, server_error: 0.2, rate_limited: 0.2 };
    const fates = async () => {
      const { call, log } = await sandbox({ seed: 42, rates, subjectPattern: 'DL\\d{6}-W' });
      const statuses = [];
      for (let i = 0; i < 30; i++) statuses.push(await call('GET', `/orders/DL00${1000 + i}-W`));
      return { statuses, log: (await log()).map(({ at: _at, ...record }) => record) };
    };
    const first = await fates();
    const second = await fates();
    expect(second).toEqual(first);
    expect(new Set(first.statuses)).toEqual(new Set([404, 500, 429, 'lost']));
    const faulted = first.statuses.filter((s) => s !== 404).length;
    expect(first.log).toHaveLength(faulted);
    expect(first.log[0]).toMatchObject({ method: 'GET', path: '/orders/{subject}', subject: expect.stringMatching(/^DL\d{6}-W$/), nth: 1 });
  });

  it('replays a script: exactly the named call of the named PO, found in the body, is faulted', async () => {
    const { wps, call, log } = await sandbox({
      seed: 1,
      subjectPattern: 'DL\\d{6}-W',
      script: [{ kind: 'lost_response', method: 'POST', path: '/carts', subject: 'DL001001-W', nth: 2 }],
    });
    expect(await call('POST', '/carts', cart('DL001000-W'))).toBe(200);
    expect(await call('POST', '/carts', cart('DL001001-W'))).toBe(200);
    // The second POST /carts for DL001001-W is processed (WPS refuses a second cart), then its answer is lost.
    expect(await call('POST', '/carts', cart('DL001001-W'))).toBe('lost');
    expect(await call('POST', '/carts', cart('DL001001-W'))).toBe(422);
    expect(wps.state.carts.size).toBe(2);
    expect((await log()).map((r) => [r.kind, r.subject, r.nth])).toEqual([['lost_response', 'DL001001-W', 2]]);
  });

  it('refuses chances that add up to more than one draw can hold', async () => {
    const wps = createWpsSandbox();
    sandboxes.push(wps);
    const url = await wps.listen();
    const chaos = { seed: 1, rates: { lost_response: 0.6, server_error: 0.6 } };
    const refused = await fetch(`${url}/_control/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ chaos }) });
    expect(refused.status).toBe(400);
    expect(wps.state.faults.chaos).toBeNull();
  });

  it('holds a slow call past the caller’s timeout and still processes it', async () => {
    const { wps, call } = await sandbox({ seed: 7, rates: { slow: 1 }, slowMs: 400 });
    const started = Date.now();
    expect(await call('POST', '/carts', cart('DL001002-W'))).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(400);
    expect(wps.state.carts.has('DL001002-W')).toBe(true);
  });
});
