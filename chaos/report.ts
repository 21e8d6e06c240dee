import type { ChaosRecord } from '../sandboxes/faults.js';
import type { Facts, InvariantResult } from './invariants.js';
import type { PlannedDropship } from './plan.js';
import { describeEvent, type ChaosEvent, type EventRecord } from './schedule.js';

export type SandboxChaosRecord = ChaosRecord & { sandbox: string };

/** What a failing drop-ship went through: the per-call faults on its POs and the system faults while it was in flight. */
export interface Trail {
  id: string;
  poNumbers: string[];
  faults: SandboxChaosRecord[];
  events: ChaosEvent[];
}

export interface RunSummary {
  seed: number;
  n: number;
  wallMs: number;
  settleMs: number;
  settledAll: boolean;
  callFaults: SandboxChaosRecord[];
  events: EventRecord[];
  workerKills: number;
  unplannedWorkerExits: number;
  cancelledOnChannel: number;
  /** What went wrong playing the warehouses and marketplaces (a ship or cancel the sandbox refused). */
  warehouseErrors: string[];
  facts: Facts;
  results: InvariantResult[];
  trails: Trail[];
  /** `--only` reruns, one per broken invariant. */
  reproduce: string[];
  faultsFile: string;
  /** How many drop-ships an --only rerun replayed; null for a full run. */
  rerunOf: number | null;
}

const pad = (value: string | number, width: number) => String(value).padEnd(width);
const padLeft = (value: string | number, width: number) => String(value).padStart(width);
const seconds = (ms: number) => `${Math.floor(ms / 60_000)}m ${String(Math.round((ms % 60_000) / 1000)).padStart(2, '0')}s`;

function countBy<T>(items: T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}

const line = (counts: Map<string, number>) =>
  [...counts]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k} ${v}`)
    .join(', ') || 'none';

/** The table the run prints: faults injected, outcomes, then each invariant with its count of failures. */
export function renderReport(summary: RunSummary, plan: PlannedDropship[]): string {
  const out: string[] = [];
  const { facts } = summary;
  const size = summary.rerunOf === null ? `${summary.n} drop-ships` : `rerun of ${summary.rerunOf} of its ${summary.n} drop-ships`;
  out.push(
    '',
    `Chaos run: seed ${summary.seed}, ${size}, wall time ${seconds(summary.wallMs)} (settled ${summary.settledAll ? 'fully' : 'NOT fully'} within ${seconds(summary.settleMs)} after the faults stopped)`,
  );
  out.push(`  channels       ${line(countBy(plan, (p) => p.channel))}`);
  out.push(
    `  distributors   ${line(
      countBy(
        plan.flatMap((p) => p.distributors),
        (d) => d,
      ),
    )} (${plan.filter((p) => p.distributors.length > 1).length} drop-ships split over two)`,
  );
  out.push('', 'Faults injected');
  out.push(`  per call, by kind      ${line(countBy(summary.callFaults, (f) => f.kind))}`);
  out.push(`  per call, by sandbox   ${line(countBy(summary.callFaults, (f) => f.sandbox))}`);
  const byKind = countBy(
    summary.events.map((e) => e.event),
    (e) => e.kind,
  );
  out.push(`  worker SIGKILL+restart ${summary.workerKills} (unplanned worker exits: ${summary.unplannedWorkerExits})`);
  out.push(`  Temporal restarts      ${byKind.get('temporal_restart') ?? 0}`);
  out.push(
    `  credentials removed    ${
      summary.events
        .filter((e) => e.event.kind === 'credentials_removed')
        .map((e) => (e.event as { distributor: string }).distributor)
        .join(', ') || 'none'
    } (restored through the API)`,
  );
  out.push(
    `  Resend 403 windows     ${
      summary.events
        .filter((e) => e.event.kind === 'resend_403')
        .map((e) => `${Math.round((e.event as { forMs: number }).forMs / 1000)} s`)
        .join(', ') || 'none'
    }`,
  );
  out.push(`  cancelled on channel   ${summary.cancelledOnChannel} (after their PO was placed)`);
  if (summary.warehouseErrors.length)
    out.push(`  warehouse/marketplace actions that failed: ${summary.warehouseErrors.length}, e.g. ${summary.warehouseErrors.slice(0, 3).join('; ')}`);
  const failedEvents = summary.events.filter((e) => e.error);
  if (failedEvents.length) out.push(`  faults that could not be applied: ${failedEvents.map((e) => `${e.event.kind}: ${e.error}`).join('; ')}`);
  out.push('', 'Outcomes');
  out.push(`  drop-ships     ${line(countBy(facts.dropshipRows, (d) => d.status))}`);
  out.push(`  POs            ${line(countBy(facts.poRows, (p) => p.status))}`);
  out.push(
    `  packages       ${facts.shipmentRows.length} stored; buyer emails at Resend ${facts.emails.filter((e) => e.tags?.some((t) => t.value === 'shipped')).length}`,
  );
  out.push(`  exceptions     ${line(countBy(facts.exceptionRows, (e) => `${e.kind}(${e.status})`))}`);
  out.push('', 'Invariants');
  out.push(`  ${pad('', 3)}${pad('invariant', 66)}${padLeft('checked', 8)}${padLeft('failed', 8)}`);
  for (const r of summary.results) {
    out.push(`  ${pad(r.failures.length ? 'FAIL' : 'ok', 5)}${pad(r.name, 64)}${padLeft(r.checked, 8)}${padLeft(r.failures.length, 8)}`);
    for (const note of r.notes) out.push(`  ${pad('', 7)}(${note})`);
  }
  const failing = summary.results.filter((r) => r.failures.length > 0);
  if (failing.length) {
    out.push('', 'Failures (first 10 per invariant)');
    for (const r of failing) {
      out.push(`  ${r.name}:`);
      for (const f of r.failures.slice(0, 10)) out.push(`    ${f.dropship ?? '(no drop-ship)'}  ${f.detail}`);
      if (r.failures.length > 10) out.push(`    … and ${r.failures.length - 10} more`);
    }
    out.push('', 'What touched the failing drop-ships (first 5), in order');
    for (const trail of summary.trails.slice(0, 5)) {
      out.push(`  ${trail.id} (POs ${trail.poNumbers.join(', ') || 'none'})`);
      for (const f of trail.faults) out.push(`    ${f.sandbox}: ${f.kind} on ${f.method} ${f.path.replace('{subject}', f.subject ?? '')} (call ${f.nth})`);
      for (const e of trail.events) out.push(`    at +${Math.round(e.atMs / 1000)} s: ${describeEvent(e)}`);
      if (trail.faults.length + trail.events.length === 0) out.push('    no fault at all');
    }
    out.push('', `Seed ${summary.seed}. Reproduce with:`, `  npm run chaos -- --seed ${summary.seed} --n ${summary.n}`);
    if (summary.reproduce.length)
      out.push('Or just some failing drop-ships, with just the faults recorded for them:', ...summary.reproduce.map((line) => `  ${line}`));
  }
  out.push('', `Faults recorded in ${summary.faultsFile}`, '');
  return out.join('\n');
}
