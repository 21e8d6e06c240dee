import { CancelledFailure } from '@temporalio/common';
import { MockActivityEnvironment } from '@temporalio/testing';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DistributorError, type PurchaseOrderRequest } from '../distributors/types.js';
import { createWpsConnector } from '../distributors/wps/adapter.js';
import { createWpsSandbox, WPS_SANDBOX_TOKEN, type WpsSandbox } from '../distributors/wps/sandbox/index.js';
import { distributorAttempt } from './distributor-attempt.js';
import { withHeartbeat } from './heartbeat.js';

let sandbox: WpsSandbox;
let baseUrl: string;

beforeEach(async () => {
  sandbox = createWpsSandbox();
  baseUrl = await sandbox.listen();
});
afterEach(() => sandbox.close());

const latency = (latencyMs: number) =>
  fetch(`${baseUrl}/_control/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ latencyMs }) });

const po: PurchaseOrderRequest = {
  poNumber: 'DL-ATTEMPT-1',
  shipTo: { name: 'Jane Rider', line1: '123 Main St', city: 'Boise', region: 'ID', postalCode: '83702', country: 'US' },
  shipMethod: 'BEST',
  lines: [
    { distributorSku: '87-9934', quantity: 2 },
    { distributorSku: '26-1105', quantity: 1 },
  ],
};

const failureOf = (promise: Promise<unknown>) =>
  promise.then(
    () => expect.fail('expected a failure'),
    (error: unknown) => error,
  );

describe('distributorAttempt', () => {
  it('starts no call that could run past the attempt deadline, and fails retryably before start-to-close', async () => {
    await latency(300);
    const wps = createWpsConnector({ baseUrl, token: WPS_SANDBOX_TOKEN, timeoutMs: 500 });
    const env = new MockActivityEnvironment({ startToCloseTimeoutMs: 1_000 });
    const started = Date.now();

    const error = await failureOf(
      env.run(() => distributorAttempt({ callTimeoutMs: 500, attemptMarginMs: 100 }, (limits) => wps.submitPurchaseOrder(po, limits))),
    );

    expect(error).toBeInstanceOf(DistributorError);
    expect(error).toMatchObject({ kind: 'transient', retryable: true });
    expect((error as Error).message).toContain('Stopped before asking WPS to add item 87-9934');
    expect(Date.now() - started).toBeLessThan(1_000);
    await sleep(400);
    // GET cart and POST cart fit before the deadline (900 ms); the first item would not have.
    expect(sandbox.state.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /carts/DL-ATTEMPT-1', 'POST /carts']);
  });

  it('still makes its call when the server cut start-to-close below the call timeout and the margin', async () => {
    await latency(200);
    const wps = createWpsConnector({ baseUrl, token: WPS_SANDBOX_TOKEN, timeoutMs: 15_000 });
    // The server caps start-to-close at what is left of schedule-to-close: an odd number, shorter than one call.
    const env = new MockActivityEnvironment({ startToCloseTimeoutMs: 5_995 });

    const found = await env.run(() =>
      distributorAttempt({ callTimeoutMs: 15_000, attemptMarginMs: 5_000 }, (limits) => wps.findPurchaseOrder('DL-ATTEMPT-1', limits)),
    );

    expect(found).toBeNull();
    expect(sandbox.state.requests).toHaveLength(1);
  });

  it('aborts the call in flight when the activity is cancelled, and ends as cancelled', async () => {
    await latency(3_000);
    const wps = createWpsConnector({ baseUrl, token: WPS_SANDBOX_TOKEN, timeoutMs: 5_000 });
    const env = new MockActivityEnvironment({ startToCloseTimeoutMs: 60_000 });
    const started = Date.now();

    const running = failureOf(
      env.run(() => distributorAttempt({ callTimeoutMs: 5_000, attemptMarginMs: 1_000 }, (limits) => wps.findPurchaseOrder('DL-ATTEMPT-1', limits))),
    );
    await sleep(200);
    env.cancel('CANCELLED');

    expect(await running).toBeInstanceOf(CancelledFailure);
    expect(Date.now() - started).toBeLessThan(1_500);
  });
});

describe('withHeartbeat', () => {
  async function heartbeatTimes(work: (progress: () => void) => Promise<void>) {
    const env = new MockActivityEnvironment();
    const started = Date.now();
    const times: number[] = [];
    env.on('heartbeat', () => times.push(Date.now() - started));
    await env.run(() => withHeartbeat(work, { everyMs: 50, stallAfterMs: 200 }));
    return times;
  }

  it('heartbeats as long as the work reports progress', async () => {
    const times = await heartbeatTimes(async (progress) => {
      for (let step = 0; step < 6; step++) {
        await sleep(100);
        progress();
      }
    });
    expect(times.filter((t) => t > 450).length).toBeGreaterThan(0);
  });

  it('stops heartbeating once the work is stuck longer than stallAfterMs, so the heartbeat timeout can fire', async () => {
    const times = await heartbeatTimes(() => sleep(700));
    expect(times.length).toBeGreaterThan(1);
    expect(times.filter((t) => t > 300)).toEqual([]);
  });
});
