import { DISTRIBUTORS, distributorProfile, type DistributorId } from '../domain/distributors.js';
import type { ChaosFault, ChaosFaults } from '../sandboxes/faults.js';
import { derivedSeed, seededRandom } from '../sandboxes/seeded-random.js';
import { SANDBOX_CREDENTIALS } from './catalog.js';
import type { ChaosSystem } from './system.js';

/** A fault that hits the whole system at one moment (per-call faults are drawn by the sandboxes). */
export type ChaosEvent =
  | { kind: 'worker_kill'; atMs: number; slot: number }
  | { kind: 'temporal_restart'; atMs: number }
  | { kind: 'credentials_removed'; atMs: number; distributor: DistributorId; forMs: number }
  | { kind: 'resend_403'; atMs: number; forMs: number };

const MARKETPLACES = ['ebay', 'amazon', 'shopify'] as const;
/** Sandboxes whose calls chaos faults: every distributor and the three marketplaces. */
export const FAULTED_SANDBOXES: ReadonlyArray<DistributorId | (typeof MARKETPLACES)[number]> = [...DISTRIBUTORS, ...MARKETPLACES];
export type FaultedSandbox = (typeof FAULTED_SANDBOXES)[number];

/**
 * What a call is about, so its faults can be traced to a drop-ship: a PO number (DL001234-W) at the
 * distributors, the order id at eBay and Amazon (Shopify's calls name fulfillment orders only).
 */
export const PO_NUMBER_PATTERN = `DL\\d{6,}-[${DISTRIBUTORS.map((d) => distributorProfile(d).poSuffix).join('')}]`;
const SUBJECTS: Record<FaultedSandbox, string | undefined> = {
  ...(Object.fromEntries(DISTRIBUTORS.map((d) => [d, PO_NUMBER_PATTERN])) as Record<DistributorId, string>),
  ebay: '\\b\\d{2}-\\d{5}-\\d{5}\\b',
  amazon: '\\b\\d{3}-\\d{7}-\\d{7}\\b',
  shopify: undefined,
};
/** Every client in Dropline gives up on a call after 15 s; a slow call outlives that. */
const SLOW_MS = 16_000;
const RATES = { lost_response: 0.02, server_error: 0.03, rate_limited: 0.02, slow: 0.002 };

/** Per-call chaos of one sandbox: its own seeded stream, or (for --only) the recorded faults. */
export function callChaos(seed: number, sandbox: FaultedSandbox, script?: ChaosFault[]): ChaosFaults {
  return {
    seed: derivedSeed(seed, sandbox),
    rates: script ? {} : RATES,
    retryAfterSeconds: 1,
    slowMs: SLOW_MS,
    ...(SUBJECTS[sandbox] ? { subjectPattern: SUBJECTS[sandbox] } : {}),
    ...(script ? { script } : {}),
  };
}

/** How many of each system-wide fault a run gets. */
export interface EventCounts {
  workerKills: number;
  temporalRestarts: number;
  credentialRemovals: number;
  resend403Windows: number;
}

/** At least three worker kills, one Temporal restart, one credentials removal and one Resend outage; more kills and removals on long runs. */
export const defaultEventCounts = (n: number): EventCounts => ({
  workerKills: Math.max(3, Math.ceil(n / 250)),
  temporalRestarts: 1,
  credentialRemovals: Math.max(1, Math.ceil(n / 500)),
  resend403Windows: 1,
});

/**
 * The moments of the run's system-wide faults, all inside the fault window: worker kills spread over
 * it, Temporal restarts in its middle, a distributor account's credentials removed then restored
 * through the API, and Resend refusing the sender for a while.
 */
export function planEvents(seed: number, faultWindowMs: number, counts: EventCounts, workerSlots: number): ChaosEvent[] {
  const random = seededRandom(derivedSeed(seed, 'events'));
  const at = (from: number, to: number) => Math.round(faultWindowMs * (from + random() * (to - from)));
  // Outages last 5-20 s (credentials) and 10-30 s (Resend), but at most half the window on a short run.
  const outage = (min: number, spread: number) => Math.min(faultWindowMs / 2, min + Math.round(random() * spread));
  const events: ChaosEvent[] = [];
  const kills = counts.workerKills;
  // One kill in each of `kills` equal slices of the window, so restarts do not pile up on each other.
  for (let i = 0; i < kills; i++) events.push({ kind: 'worker_kill', atMs: at(0.1 + (0.8 * i) / kills, 0.1 + (0.8 * (i + 1)) / kills), slot: i % workerSlots });
  for (let i = 0; i < counts.temporalRestarts; i++) events.push({ kind: 'temporal_restart', atMs: at(0.3, 0.7) });
  for (let i = 0; i < counts.credentialRemovals; i++) {
    events.push({
      kind: 'credentials_removed',
      atMs: at(0.1, 0.7),
      distributor: DISTRIBUTORS[Math.floor(random() * DISTRIBUTORS.length)]!,
      forMs: outage(5000, 15_000),
    });
  }
  for (let i = 0; i < counts.resend403Windows; i++) events.push({ kind: 'resend_403', atMs: at(0.1, 0.6), forMs: outage(10_000, 20_000) });
  return events.sort((a, b) => a.atMs - b.atMs);
}

export interface EventRecord {
  event: ChaosEvent;
  startedAt: number;
  endedAt: number | null;
  error?: string;
}

/** Runs the events at their moments (relative to `startedAt`); `stop()` ends every fault still on and waits for it. */
export function runEvents(system: ChaosSystem, events: ChaosEvent[], startedAt: number, log: (line: string) => void) {
  const records: EventRecord[] = [];
  const running = new Set<Promise<void>>();
  const timers: NodeJS.Timeout[] = [];
  const undo: Array<() => Promise<void>> = [];
  const api = (method: string, url: string, body?: unknown) =>
    fetch(`${system.apiUrl}${url}`, {
      method,
      headers: { authorization: `Bearer ${system.apiKey}`, 'x-acting-user': 'chaos@dropline.test', ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    }).then(async (response) => {
      if (!response.ok) throw new Error(`${method} ${url}: HTTP ${response.status} ${await response.text()}`);
    });
  const resend403 = (on: boolean) =>
    fetch(`${system.urls.resend}/_control/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ senderUnverified: on }),
    }).then(() => undefined);

  async function perform(event: ChaosEvent, record: EventRecord) {
    switch (event.kind) {
      case 'worker_kill':
        await system.workers.killAndRestart(event.slot);
        break;
      case 'temporal_restart':
        await system.restartTemporal();
        break;
      case 'credentials_removed': {
        const restore = () => api('PUT', `/v1/distributor-accounts/${event.distributor}`, { credentials: SANDBOX_CREDENTIALS[event.distributor] });
        await api('DELETE', `/v1/distributor-accounts/${event.distributor}/credentials`);
        undo.push(restore);
        await sleepUnlessStopped(event.forMs);
        await undoOnce(restore);
        break;
      }
      case 'resend_403': {
        const restore = () => resend403(false);
        await resend403(true);
        undo.push(restore);
        await sleepUnlessStopped(event.forMs);
        await undoOnce(restore);
        break;
      }
    }
    record.endedAt = Date.now();
  }

  /** A fault is ended once: by its own timer, or by stop() if that comes first. */
  const undoOnce = async (restore: () => Promise<void>) => {
    const index = undo.indexOf(restore);
    if (index < 0) return;
    undo.splice(index, 1);
    await restore();
  };

  let wake: (() => void) | null = null;
  const sleepUnlessStopped = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      const previous = wake;
      wake = () => {
        clearTimeout(timer);
        resolve();
        previous?.();
      };
    });

  for (const event of events) {
    timers.push(
      setTimeout(
        () => {
          const record: EventRecord = { event, startedAt: Date.now(), endedAt: null };
          records.push(record);
          log(`fault: ${describeEvent(event)}`);
          const task = perform(event, record).catch((error: unknown) => {
            record.error = String(error);
            log(`fault ${event.kind} went wrong: ${String(error)}`);
          });
          running.add(task);
          void task.finally(() => running.delete(task));
        },
        Math.max(0, startedAt + event.atMs - Date.now()),
      ),
    );
  }

  return {
    records,
    /** Cancels events not yet begun, ends the ones still on (credentials back, Resend fixed) and waits for restarts to finish. */
    async stop() {
      timers.forEach(clearTimeout);
      wake?.();
      for (const restore of undo.splice(0)) await restore().catch((error: unknown) => log(`undoing a fault: ${String(error)}`));
      await Promise.all(running);
    },
  };
}

export function describeEvent(event: ChaosEvent): string {
  switch (event.kind) {
    case 'worker_kill':
      return `SIGKILL worker ${event.slot}, then start it again`;
    case 'temporal_restart':
      return 'restart the Temporal dev server (same port, same database file)';
    case 'credentials_removed':
      return `remove the ${event.distributor} credentials (DELETE /v1/distributor-accounts/${event.distributor}/credentials), restore them ${Math.round(event.forMs / 1000)} s later`;
    case 'resend_403':
      return `Resend answers 403 (sender domain not verified) for ${Math.round(event.forMs / 1000)} s`;
  }
}
