import { and, eq } from 'drizzle-orm';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { dropships, exceptions, orders, purchaseOrders } from '../db/schema/index.js';
import { parseChaosArgs, type ChaosOptions } from './args.js';
import { deliverOrder } from './channels.js';
import { checkInvariants, gatherFacts, NOT_BLOCKING, type InvariantResult } from './invariants.js';
import { planDropships, type PlannedDropship } from './plan.js';
import { renderReport, type SandboxChaosRecord, type Trail } from './report.js';
import { loadReplay, type Replay } from './replay.js';
import { callChaos, FAULTED_SANDBOXES, planEvents, runEvents, type ChaosEvent, type EventRecord } from './schedule.js';
import { DEALER_ID, startSystem, type ChaosSystem } from './system.js';
import { startWarehouse } from './warehouse.js';

/**
 * `npm run chaos`: N seeded drop-ships through every channel and distributor while the sandboxes
 * fault calls and the run kills workers, restarts Temporal, removes credentials and makes Resend
 * refuse; then the invariants, checked at the sandboxes and in Postgres, in a table.
 */
export async function runChaos(options: ChaosOptions, log: (line: string) => void) {
  const startedAt = Date.now();
  const replay: Replay | null = options.only ? await loadReplay(options.faultsFile!, options.only) : null;
  const plan = replay?.plan ?? planDropships(options.seed, options.n, options.rate);
  const planById = new Map(plan.map((p) => [p.id, p]));
  const lastArrival = Math.max(0, ...plan.map((p) => p.arriveAtMs));
  const events = replay?.events ?? planEvents(options.seed, lastArrival + 15_000, options.events, options.workers);
  const faultWindowMs = Math.max(lastArrival, ...events.map((e) => e.atMs + ('forMs' in e ? e.forMs : 0))) + 15_000;

  log(`starting Postgres, Temporal, sandboxes, API and ${options.workers} worker(s) in ${options.dataDir}`);
  const system = await startSystem({ dataDir: options.dataDir, workers: options.workers, postgresServerUrl: options.postgresServerUrl, log });
  try {
    // A rerun faults only the recorded calls: a sandbox with none recorded gets an empty script.
    for (const sandbox of FAULTED_SANDBOXES) await setCallChaos(system, sandbox, callChaos(options.seed, sandbox, replay ? (replay.scripts[sandbox] ?? []) : undefined));
    log(`${plan.length} drop-ships arriving over ${Math.round(lastArrival / 1000)} s; faults until +${Math.round(faultWindowMs / 1000)} s`);
    const runStart = Date.now();
    const eventRunner = runEvents(system, events, runStart, log);
    const channelOrderIds = new Map<string, string>();
    const warehouse = startWarehouse(system, planById, channelOrderIds, log);
    const intake = await deliverAll(system, plan, channelOrderIds, runStart, replay !== null, log);

    await sleep(runStart + faultWindowMs - Date.now());
    for (const sandbox of FAULTED_SANDBOXES) await setCallChaos(system, sandbox, null);
    await eventRunner.stop();
    const faultsStoppedAt = Date.now();
    log('faults stopped; waiting for every drop-ship to settle');
    const settledAll = await settle(system, plan, channelOrderIds, warehouse.record.cancelledOnChannel, faultsStoppedAt + options.settleMs, log);
    warehouse.stop();
    await system.pauseOrderPolling();

    const facts = await gatherFacts(system);
    const results = await checkInvariants(system, facts, plan, channelOrderIds, warehouse.record, intake);
    const callFaults = await collectCallFaults(system);
    const trails = trailsOf(results, facts, plan, channelOrderIds, callFaults, eventRunner.records, runStart);
    // A rerun keeps the recording it was made from.
    const faultsFile = path.resolve('.data', `chaos-faults-seed${options.seed}-n${options.n}${replay ? '-rerun' : ''}.json`);
    await mkdir(path.dirname(faultsFile), { recursive: true });
    await writeFile(faultsFile, JSON.stringify({ seed: options.seed, n: options.n, rate: options.rate, plan, results, trails: allTrails(facts, plan, channelOrderIds, callFaults, eventRunner.records, runStart) }, null, 1));
    const failingIds = [...new Set(results.flatMap((r) => r.failures.map((f) => f.dropship)).filter((id): id is string => id !== null))].sort();
    const summary = {
      seed: options.seed,
      n: options.n,
      wallMs: Date.now() - startedAt,
      settleMs: Date.now() - faultsStoppedAt,
      settledAll,
      callFaults,
      events: eventRunner.records,
      workerKills: system.workers.counts.kills,
      unplannedWorkerExits: system.workers.counts.unplannedExits,
      cancelledOnChannel: warehouse.record.cancelledOnChannel.size,
      warehouseErrors: warehouse.record.shipErrors,
      facts,
      results,
      trails,
      reproduce: failingIds.length
        ? `npm run chaos -- --seed ${options.seed} --n ${options.n} --only ${failingIds.slice(0, 20).join(',')} --faults ${path.relative(process.cwd(), replay ? options.faultsFile! : faultsFile)}`
        : null,
      rerunOf: replay ? options.only!.length : null,
      faultsFile: path.relative(process.cwd(), faultsFile),
    };
    return { summary, plan, failed: results.some((r) => r.failures.length > 0) };
  } finally {
    await system.stop();
    await rm(options.dataDir, { recursive: true, force: true }).catch(() => {});
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

async function setCallChaos(system: ChaosSystem, sandbox: (typeof FAULTED_SANDBOXES)[number], chaos: unknown) {
  const response = await fetch(`${system.urls[sandbox]}/_control/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ chaos }) });
  if (!response.ok) throw new Error(`${sandbox} refused chaos mode: HTTP ${response.status} ${await response.text()}`);
}

async function collectCallFaults(system: ChaosSystem): Promise<SandboxChaosRecord[]> {
  const all: SandboxChaosRecord[] = [];
  for (const sandbox of FAULTED_SANDBOXES) {
    const { data } = (await (await fetch(`${system.urls[sandbox]}/_control/chaos`)).json()) as { data: SandboxChaosRecord[] };
    all.push(...data.map((record) => ({ ...record, sandbox })));
  }
  return all.sort((a, b) => a.at - b.at);
}

/** What intake did, for the invariants: the website orders the run had to start itself, and orders that never got in. */
export interface IntakeRecord {
  startedByRun: Set<string>;
  errors: Map<string, string>;
}

/**
 * Places every order at its moment. A website order of an auto-processing dealer must start its
 * drop-ship by itself (as the Shopify webhook and marketplace polls do); when it does not within a
 * few seconds, the run notes it and starts it through the API, so the rest of the run still
 * exercises it. One by one (for --only), each order waits for its drop-ship before the next comes,
 * so drop-ship numbers follow the plan.
 */
async function deliverAll(system: ChaosSystem, plan: PlannedDropship[], channelOrderIds: Map<string, string>, runStart: number, oneByOne: boolean, log: (line: string) => void): Promise<IntakeRecord> {
  const intake: IntakeRecord = { startedByRun: new Set(), errors: new Map() };
  const deliver = async (planned: PlannedDropship) => {
    await sleep(runStart + planned.arriveAtMs - Date.now());
    try {
      const channelOrderId = await deliverOrder(system, planned);
      channelOrderIds.set(planned.id, channelOrderId);
      if (planned.channel === 'website' && !(await waitForDropship(system, planned.channel, channelOrderId, 5_000))) {
        intake.startedByRun.add(planned.id);
        await startThroughApi(system, channelOrderId);
      }
      if (oneByOne) await waitForDropship(system, planned.channel, channelOrderId, 60_000);
    } catch (error) {
      intake.errors.set(planned.id, String(error));
      log(`intake of ${planned.id} failed: ${String(error)}`);
    }
  };
  if (oneByOne) for (const planned of plan) await deliver(planned);
  else await Promise.all(plan.map(deliver));
  return intake;
}

async function orderRow(system: ChaosSystem, channel: string, channelOrderId: string) {
  const [row] = await system.db
    .select({ id: orders.id })
    .from(orders)
    .where(and(eq(orders.dealerId, DEALER_ID), eq(orders.channel, channel), eq(orders.channelOrderId, channelOrderId)));
  return row ?? null;
}

async function waitForDropship(system: ChaosSystem, channel: string, channelOrderId: string, withinMs: number) {
  const deadline = Date.now() + withinMs;
  while (Date.now() < deadline) {
    const order = await orderRow(system, channel, channelOrderId);
    if (order) {
      const [dropship] = await system.db.select({ id: dropships.id, poBase: dropships.poBase }).from(dropships).where(eq(dropships.orderId, order.id));
      if (dropship) return dropship;
    }
    await sleep(250);
  }
  return null;
}

async function startThroughApi(system: ChaosSystem, channelOrderId: string) {
  const order = await orderRow(system, 'website', channelOrderId);
  for (let attempt = 1; attempt <= 10; attempt++) {
    const response = await fetch(`${system.apiUrl}/v1/orders/${order!.id}/dropships`, {
      method: 'POST',
      headers: { authorization: `Bearer ${system.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ mode: 'auto' }),
    }).catch(() => null);
    if (response && response.status < 500) return;
    await sleep(2000);
  }
}

const TERMINAL = new Set(['completed', 'needs_resolution', 'cancelled', 'expired']);

/**
 * Waits until every drop-ship is terminal (or has an open exception and nothing has moved for 15 s),
 * or the deadline passes. Bounded by the deadline whatever happens.
 */
async function settle(
  system: ChaosSystem,
  plan: PlannedDropship[],
  channelOrderIds: Map<string, string>,
  cancelledOnChannel: Map<string, { at: number }>,
  deadline: number,
  log: (line: string) => void,
): Promise<boolean> {
  let lastPicture = '';
  let unchangedSince = Date.now();
  let lastLog = 0;
  while (Date.now() < deadline) {
    const rows = await system.db
      .select({ orderId: orders.id, channel: orders.channel, channelOrderId: orders.channelOrderId, status: dropships.status, workflowId: dropships.workflowId })
      .from(orders)
      .leftJoin(dropships, eq(dropships.orderId, orders.id))
      .where(eq(orders.dealerId, DEALER_ID));
    const pos = await system.db.select({ orderId: purchaseOrders.orderId, status: purchaseOrders.status }).from(purchaseOrders).where(eq(purchaseOrders.dealerId, DEALER_ID));
    const raised = await system.db.select({ orderId: exceptions.orderId, kind: exceptions.kind, status: exceptions.status }).from(exceptions).where(eq(exceptions.dealerId, DEALER_ID));
    const explained = new Set(raised.filter((e) => e.status === 'open' && !NOT_BLOCKING.has(e.kind)).map((e) => e.orderId));
    const toldOfCancel = new Set(raised.filter((e) => e.kind === 'order_cancelled_on_channel').map((e) => e.orderId));
    // A drop-ship whose workflow failed or was terminated will not move again: waiting for it is pointless.
    const gone = new Set<string>();
    for await (const w of system.client.workflow.list({ query: 'ExecutionStatus = "Failed" OR ExecutionStatus = "Terminated" OR ExecutionStatus = "TimedOut"' })) gone.add(w.workflowId);
    const picture = JSON.stringify([rows.map((r) => r.status), pos.map((p) => p.status)]);
    if (picture !== lastPicture) [lastPicture, unchangedSince] = [picture, Date.now()];
    const pending = plan.filter((p) => {
      const mine = rows.filter((r) => r.channel === p.channel && r.channelOrderId === channelOrderIds.get(p.id));
      const terminal = mine.length > 0 && mine.every((r) => r.status && TERMINAL.has(r.status)) && pos.filter((po) => po.orderId === mine[0]!.orderId).every((po) => ['shipped', 'cancelled', 'failed', 'given_up', 'unknown'].includes(po.status));
      if (mine.some((r) => r.workflowId && gone.has(r.workflowId))) return false;
      // A marketplace cancellation is settled once the dealer has been told of it (polls take seconds; 30 s is plenty).
      const cancelled = cancelledOnChannel.get(p.id);
      if (cancelled && mine[0] && !toldOfCancel.has(mine[0].orderId) && Date.now() - cancelled.at < 30_000) return true;
      return !terminal && !(mine[0] && explained.has(mine[0].orderId) && Date.now() - unchangedSince > 15_000);
    });
    if (pending.length === 0) return true;
    if (Date.now() - lastLog > 15_000) {
      lastLog = Date.now();
      log(`${pending.length} drop-ship(s) not settled yet, e.g. ${pending.slice(0, 5).map((p) => p.id).join(', ')}`);
    }
    await sleep(2000);
  }
  return false;
}

/** Each drop-ship's POs, the per-call faults on them and the system faults while it was in flight. */
function allTrails(facts: Awaited<ReturnType<typeof gatherFacts>>, plan: PlannedDropship[], channelOrderIds: Map<string, string>, callFaults: SandboxChaosRecord[], events: EventRecord[], runStart: number): Trail[] {
  return plan.map((p) => {
    const order = facts.orderRows.find((o) => o.channel === p.channel && o.channelOrderId === channelOrderIds.get(p.id));
    const poNumbers = order ? facts.poRows.filter((po) => po.orderId === order.id).map((po) => po.poNumber) : [];
    // A fault still on when the order arrived counts; removed credentials only touch their distributor.
    const relevant = (e: ChaosEvent) =>
      e.atMs + ('forMs' in e ? e.forMs : 0) >= p.arriveAtMs - 1000 && (e.kind !== 'credentials_removed' || p.distributors.includes(e.distributor));
    const subjects = new Set([...poNumbers, ...(order ? [order.channelOrderId] : [])]);
    return {
      id: p.id,
      poNumbers,
      faults: callFaults.filter((f) => f.subject !== null && subjects.has(f.subject)),
      events: events.map((e) => ({ ...e.event, atMs: e.startedAt - runStart })).filter(relevant),
    };
  });
}

function trailsOf(results: InvariantResult[], ...args: Parameters<typeof allTrails>): Trail[] {
  const failing = new Set(results.flatMap((r) => r.failures.map((f) => f.dropship)));
  return allTrails(...args).filter((t) => failing.has(t.id));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const options = parseChaosArgs(process.argv.slice(2));
  const began = Date.now();
  const log = (line: string) => console.log(`[chaos +${String(Math.round((Date.now() - began) / 1000)).padStart(4)} s] ${line}`);
  runChaos(options, log)
    .then(({ summary, plan, failed }) => {
      console.log(renderReport(summary, plan));
      process.exit(failed ? 1 : 0);
    })
    .catch((error: unknown) => {
      console.error(error);
      process.exit(2);
    });
}
