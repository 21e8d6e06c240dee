import type { ScheduleHandle } from '@temporalio/client';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exceptions, purchaseOrders } from '../../db/schema/index.js';
import { listingRefusalCause } from '../../domain/batched-tracking.js';
import { WPS_SANDBOX_TOKEN } from '../../distributors/wps/sandbox/index.js';
import { purchaseOrderWorkflowId, trackingScheduleId } from '../../domain/ids.js';
import { deleteTrackingSchedule } from '../../temporal/tracking-schedule.js';
import type { DistributorTrackingSummary, DistributorTrackingWorkflow } from '../../workflows/contracts/distributor-tracking.js';
import { dealerApi, demoOrderBody } from '../helpers/api.js';
import { eventually } from '../helpers/eventually.js';
import { recordHistory } from '../helpers/histories.js';
import { startStack, type Stack } from '../helpers/stack.js';

const LONG_SAFETY_CHECK_MS = 10 * 60_000;

/**
 * Batched tracking against real Temporal, Postgres and the WPS sandbox over HTTP: one poller per
 * dealer account lists WPS's orders page by page and signals only the POs whose report changed.
 * The poller's schedule is paused and triggered by hand, so each test knows which listing did what.
 */
describe('batched tracking (one listing poller per dealer account)', () => {
  let stack: Stack;
  /** POs the WPS sandbox leaves out of its order list. */
  const hidden = new Set<string>();

  beforeAll(async () => {
    // Two POs a page, so a listing of this account always takes several pages. A one-hour interval:
    // the tests trigger every listing themselves.
    stack = await startStack({
      autoProcessing: true,
      pollIntervalMs: 3_600_000,
      giveUpAfterMs: 10 * 60_000,
      sandboxes: { wps: { listPageSize: 2, hiddenFromListing: (po) => hidden.has(po) } },
    });
    stack.tracking.listing = { distributors: ['wps'], safetyCheckMs: LONG_SAFETY_CHECK_MS };
  });
  afterAll(async () => {
    if (stack) await deleteTrackingSchedule(stack.client, { dealerId: stack.dealerId, distributor: 'wps' });
    await stack?.stop();
  });

  const { post, poStatus, waitForStatus, placePo, listOnce, startListing, history, signalsTo, listCalls, lookups } = trackingHelpers(() => stack);

  it('signals exactly the POs whose report changed, with one list call per page and no call per PO', async () => {
    const pos: string[] = [];
    for (let n = 1; n <= 5; n += 1) pos.push(await placePo(`WEB-BATCH-${n}`));
    // The first listing finds every PO accepted at WPS, which Postgres still holds as submitted: each is news once.
    const first = await listOnce();
    expect(first.signalled).toBe(5);
    for (const po of pos) await waitForStatus(po, 'accepted');

    const signalsBefore = await Promise.all(pos.map(signalsTo));
    const shipped = [pos[1]!, pos[3]!];
    for (const po of shipped) await post(`${stack.wpsUrl}/_control/orders/${po}/ship`);
    const [callsBefore, lookupsBefore] = [listCalls(), lookups(pos)];
    const secondRun = await startListing();
    const second = await secondRun.result();
    for (const po of shipped) await waitForStatus(po, 'shipped');
    await recordHistory(stack.client, secondRun.workflowId, 'distributor-tracking-three-pages');

    expect(second.signalled).toBe(2);
    expect(second.listed).toBe(5);
    expect(second.pages).toBe(3);
    expect(listCalls() - callsBefore).toBe(second.pages);
    expect(lookups(pos) - lookupsBefore).toBe(0);
    const signalsAfter = await Promise.all(pos.map(signalsTo));
    expect(signalsAfter.map((after, i) => after - signalsBefore[i]!)).toEqual(pos.map((po) => (shipped.includes(po) ? 1 : 0)));
    for (const po of pos.filter((p) => !shipped.includes(p))) expect(await poStatus(po)).toBe('accepted');

    // A listing with nothing new signals nobody.
    expect((await listOnce()).signalled).toBe(0);

    const events = (await history(shipped[0]!)).events?.length ?? 0;
    console.log(`batched tracking: PO ${shipped[0]} from placement to shipped in ${events} history events (${signalsAfter[1]} signals)`);
    expect(events).toBeLessThan(120);
    await recordHistory(stack.client, purchaseOrderWorkflowId(stack.dealerId, shipped[0]!), 'po-batched-tracking-shipped');
  });

  it('resumes a listing whose page answer was lost at that page: no page is listed twice but the one in flight', async () => {
    const placed = await placePo('WEB-BATCH-RESUME');
    await listOnce();
    await waitForStatus(placed, 'accepted');
    // The sandbox's cursor is the page's offset in base64url: the answer to the second page is lost once.
    await post(`${stack.wpsUrl}/_control/faults`, {
      loseResponseOnce: { method: 'GET', path: '/orders', query: { 'page[cursor]': Buffer.from('2').toString('base64url') } },
    });
    await post(`${stack.wpsUrl}/_control/orders/${placed}/ship`);
    const callsBefore = listCalls();
    const summary = await listOnce();
    await waitForStatus(placed, 'shipped');
    expect(summary.pages).toBeGreaterThanOrEqual(3);
    // Every page once, and the page whose answer was lost once more; a restart from the first page would add one more.
    expect(listCalls() - callsBefore).toBe(summary.pages + 1);
    expect(summary.signalled).toBe(1);
  });

  it('catches a PO the listing misses with its own safety check', async () => {
    stack.tracking.listing = { distributors: ['wps'], safetyCheckMs: 3000 };
    try {
      const missed = await placePo('WEB-BATCH-MISSED');
      hidden.add(missed);
      await post(`${stack.wpsUrl}/_control/orders/${missed}/ship`);
      const summary = await listOnce();
      expect(summary.signalled).toBe(0);
      await waitForStatus(missed, 'shipped', 20_000);
      expect(await signalsTo(missed)).toBe(0);
      // The lookup before submitting, then the safety checks' lookups.
      expect(lookups([missed])).toBeGreaterThanOrEqual(2);
    } finally {
      stack.tracking.listing = { distributors: ['wps'], safetyCheckMs: LONG_SAFETY_CHECK_MS };
    }
  });

  it('still gives up on a PO that never ships, without polling it', async () => {
    stack.tracking.giveUpAfterMs = 5000;
    try {
      const neverShips = await placePo('WEB-BATCH-GIVEUP');
      await listOnce();
      await waitForStatus(neverShips, 'given_up', 30_000);
      // Only the lookup before submitting: a PO tracked by listing never polls, and its safety check is 10 minutes away.
      expect(lookups([neverShips])).toBe(1);
      const events = (await history(neverShips)).events?.length ?? 0;
      console.log(`batched tracking: PO ${neverShips} given up in ${events} history events`);
      await recordHistory(stack.client, purchaseOrderWorkflowId(stack.dealerId, neverShips), 'po-batched-tracking-given-up');
    } finally {
      stack.tracking.giveUpAfterMs = 10 * 60_000;
    }
  });

  it("tells the dealer once when WPS refuses the account's listing, and closes that by itself when a listing works again", async () => {
    await placePo('WEB-BATCH-REFUSED');
    const listingExceptions = () =>
      stack.db
        .select()
        .from(exceptions)
        .where(and(eq(exceptions.dealerId, stack.dealerId), eq(exceptions.cause, listingRefusalCause(stack.dealerId, 'wps'))));
    const setToken = async (apiToken: string) =>
      expect((await dealerApi(stack.app, stack.apiKey)('PUT', '/v1/distributor-accounts/wps', { credentials: { apiToken } })).status).toBe(200);

    await setToken('not-the-token');
    try {
      const refused = await listOnce();
      expect(refused.refused).toContain('WPS');
      expect(refused.pages).toBe(0);
      // A second refused run is the same trouble: still one exception.
      expect((await listOnce()).refused).toBeDefined();
      const open = await listingExceptions();
      expect(open).toHaveLength(1);
      expect(open[0]).toMatchObject({ kind: 'distributor_account', status: 'open', orderId: null });
      expect(open[0]!.message).toContain('Fix or reconnect your Western Power Sports account in Settings');
    } finally {
      await setToken(WPS_SANDBOX_TOKEN);
    }
    const works = await listOnce();
    expect(works.refused).toBeUndefined();
    expect(works.finished).toBe(true);
    const [closed] = await listingExceptions();
    expect(closed).toMatchObject({ status: 'resolved', resolution: 'Western Power Sports lists your orders again' });

    // Fixed and tested in Settings: the passing connection test closes it, not waiting for the next listing.
    await setToken('not-the-token');
    try {
      expect((await listOnce()).refused).toBeDefined();
      expect((await listingExceptions()).filter((e) => e.status === 'open')).toHaveLength(1);
    } finally {
      await setToken(WPS_SANDBOX_TOKEN);
    }
    const tested = await dealerApi(stack.app, stack.apiKey)('POST', '/v1/distributor-accounts/wps/test-connection');
    expect(tested.body).toMatchObject({ distributor: 'wps', ok: true });
    const afterTest = await listingExceptions();
    expect(afterTest.filter((e) => e.status === 'open')).toEqual([]);
    expect(afterTest).toContainEqual(expect.objectContaining({ status: 'resolved', resolution: 'the Western Power Sports connection test passed' }));
  });
});

/**
 * The worker process dies (SIGKILL) while the poller waits for a page: a new worker retries that
 * page from the cursor saved in Postgres, never from the first page.
 */
describe('batched tracking across a worker crash', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({
      autoProcessing: true,
      externalWorker: true,
      pollIntervalMs: 3_600_000,
      giveUpAfterMs: 10 * 60_000,
      listing: { distributors: ['wps'], safetyCheckMs: 10 * 60_000 },
      sandboxes: { wps: { listPageSize: 1 } },
    });
  });
  afterAll(async () => {
    if (stack) await deleteTrackingSchedule(stack.client, { dealerId: stack.dealerId, distributor: 'wps' });
    await stack?.stop();
  });
  const { post, waitForStatus, placePo, listOnce, startListing, listCalls } = trackingHelpers(() => stack);

  it('resumes at the page in flight after the worker is killed and another takes over', { timeout: 180_000 }, async () => {
    let worker = await stack.spawnWorker();
    try {
      const pos = [await placePo('WEB-CRASH-LIST-1'), await placePo('WEB-CRASH-LIST-2'), await placePo('WEB-CRASH-LIST-3')];
      expect((await listOnce()).pages).toBe(3);
      for (const po of pos) await waitForStatus(po, 'accepted');
      for (const po of pos) await post(`${stack.wpsUrl}/_control/orders/${po}/ship`);
      // The second page's answer is held back (one PO a page: its cursor is offset 1): the worker dies waiting for it.
      await post(`${stack.wpsUrl}/_control/faults`, {
        holdResponseOnce: { method: 'GET', path: '/orders', query: { 'page[cursor]': Buffer.from('1').toString('base64url') }, ms: 60_000 },
      });
      const callsBefore = listCalls();
      const listing = await startListing();
      await eventually(async () => listCalls() - callsBefore === 2, 'the listing to ask for its second page');
      await waitForStatus(pos[0]!, 'shipped');
      await worker.kill();
      worker = await stack.spawnWorker();
      const summary = await listing.result();
      for (const po of pos) await waitForStatus(po, 'shipped');
      // Pages 2 and 3 after the crash; page 1 was done before it and is not listed again.
      expect(summary.pages).toBe(3);
      expect(listCalls() - callsBefore).toBe(4);
    } finally {
      await worker.stop();
    }
  });
});

/** What the tests do with a stack's WPS account and its tracking poller. */
function trackingHelpers(getStack: () => Stack) {
  const call: ReturnType<typeof dealerApi> = (method, path, body) => dealerApi(getStack().app, getStack().apiKey)(method, path, body);
  const post = (url: string, body: unknown = {}) =>
    fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then((r) => {
      expect(r.status).toBeLessThan(300);
    });
  const poStatus = async (poNumber: string) => (await getStack().db.select().from(purchaseOrders).where(eq(purchaseOrders.poNumber, poNumber)))[0]?.status;
  const waitForStatus = (poNumber: string, status: string, timeoutMs = 30_000) =>
    eventually(
      async () => (await poStatus(poNumber)) === status,
      () => `PO ${poNumber} to be ${status}`,
      timeoutMs,
    );

  async function placePo(channelOrderId: string): Promise<string> {
    const order = await call('POST', '/v1/orders', demoOrderBody(channelOrderId));
    const started = await call('POST', `/v1/orders/${order.body.id}/dropships`, { mode: 'auto' });
    const poNumber = await eventually(
      async () => (await call('GET', `/v1/dropships/${started.body.id}`)).body.purchaseOrders?.[0]?.poNumber as string | undefined,
      'the PO number',
    );
    await eventually(async () => ((await poStatus(poNumber)) === 'submitted' ? true : undefined), `PO ${poNumber} to be submitted`);
    return poNumber;
  }

  let schedule: ScheduleHandle | undefined;
  /** The account's poller schedule, made when its first PO was placed; paused so only the tests trigger it. */
  async function poller(): Promise<ScheduleHandle> {
    if (schedule) return schedule;
    const handle = getStack().client.schedule.getHandle(trackingScheduleId(getStack().dealerId, 'wps'));
    await eventually(() => handle.describe().then(Boolean), 'the tracking schedule');
    await handle.pause('the test triggers each listing');
    schedule = handle;
    return handle;
  }

  /** Triggers one listing run and waits for its summary. */
  async function listOnce(): Promise<DistributorTrackingSummary> {
    return (await startListing()).result();
  }

  /** Triggers one listing run; its workflow handle. */
  async function startListing() {
    const handle = await poller();
    const lastRun = async () => (await handle.describe()).info.recentActions.at(-1)?.action.workflow.workflowId;
    const before = await lastRun();
    // Scheduled runs are named by the second they start in: a second trigger in the same second would be the same run.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await handle.trigger();
    const workflowId = await eventually(async () => {
      const last = await lastRun();
      return last !== before ? last : undefined;
    }, 'the schedule to start a listing');
    return getStack().client.workflow.getHandle<DistributorTrackingWorkflow>(workflowId);
  }

  const history = (poNumber: string) => getStack().client.workflow.getHandle(purchaseOrderWorkflowId(getStack().dealerId, poNumber)).fetchHistory();
  const signalsTo = async (poNumber: string) => ((await history(poNumber)).events ?? []).filter((e) => e.workflowExecutionSignaledEventAttributes).length;
  const listCalls = () => getStack().wps.state.requests.filter((r) => r.method === 'GET' && r.path === '/orders').length;
  const lookups = (poNumbers: string[]) =>
    getStack().wps.state.requests.filter((r) => r.method === 'GET' && poNumbers.some((po) => r.path === `/orders/${po}`)).length;

  return { post, poStatus, waitForStatus, placePo, listOnce, startListing, history, signalsTo, listCalls, lookups };
}
