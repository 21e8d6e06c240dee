import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectionTestResult } from '../../workflows/contracts/test-connection.js';
import { startStack, type Stack } from '../helpers/stack.js';

const WPS_PER_SECOND = 2;
const CALLS = 8;

/**
 * Calls to a distributor go through its own task queue, rate-limited by the Temporal server, so no
 * number of waiting workflows can exceed the distributor's quota.
 */
describe('per-distributor rate limit', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack({ distributorRates: { wps: WPS_PER_SECOND, parts_unlimited: 100, tucker_rocky: 100, automatic: 100 } });
  });
  afterAll(async () => stack?.stop());

  it(`spaces ${CALLS} simultaneous WPS calls at about ${WPS_PER_SECOND} a second`, async () => {
    const runs = Array.from(
      { length: CALLS },
      (_, i) =>
        stack.client.workflow.execute('testDistributorConnection', {
          taskQueue: stack.worker!.taskQueue,
          workflowId: `rate-limit-${stack.dealerId}-${i}`,
          args: [{ dealerId: stack.dealerId, distributor: 'wps' }],
        }) as Promise<ConnectionTestResult>,
    );
    expect(await Promise.all(runs)).toEqual(Array(CALLS).fill({ ok: true }));

    const times = stack.wps.state.requests.map((request) => request.at).sort((a, b) => a - b);
    expect(times).toHaveLength(CALLS);
    // Unlimited, all of them land within a few hundred ms. The server's token bucket lets a first burst
    // of about one second's worth through; after that, calls arrive at the configured rate.
    const spanMs = times.at(-1)! - times[0]!;
    expect(spanMs).toBeGreaterThanOrEqual(((CALLS - 2 * WPS_PER_SECOND) / WPS_PER_SECOND) * 1000);
    expect((CALLS - 1) / (spanMs / 1000)).toBeLessThanOrEqual(WPS_PER_SECOND * 1.25);
  });
});
