import { readFile } from 'node:fs/promises';
import { poBase } from '../domain/ids.js';
import type { ChaosFault } from '../sandboxes/faults.js';
import type { PlannedDropship } from './plan.js';
import type { Trail } from './report.js';
import type { ChaosEvent, FaultedSandbox } from './schedule.js';

/** Where a fresh database's drop-ship numbers begin (dropship_number_seq, migration 0001). */
const FIRST_DROPSHIP_NUMBER = 1000;

/** A rerun of some drop-ships of an earlier run with only the faults that touched them (`--only`). */
export interface Replay {
  plan: PlannedDropship[];
  scripts: Partial<Record<FaultedSandbox, ChaosFault[]>>;
  events: ChaosEvent[];
}

interface FaultsFile {
  seed: number;
  n: number;
  plan: PlannedDropship[];
  trails: Array<Trail & { faults: Array<ChaosFault & { sandbox: FaultedSandbox }> }>;
}

/**
 * The chosen drop-ships arrive one after another, in their original order, into a fresh database, so
 * the k-th gets PO numbers DL001000+k-…: each recorded fault is re-aimed at the same call of the same
 * PO under its new number. System faults keep their distance from the first chosen arrival.
 */
export async function loadReplay(file: string, ids: string[]): Promise<Replay> {
  const recorded = JSON.parse(await readFile(file, 'utf8')) as FaultsFile;
  const unknown = ids.filter((id) => !recorded.plan.some((p) => p.id === id));
  if (unknown.length) throw new Error(`${file} has no drop-ship ${unknown.join(', ')}`);
  const chosen = recorded.plan.filter((p) => ids.includes(p.id)).sort((a, b) => a.arriveAtMs - b.arriveAtMs);
  const firstArrival = chosen[0]!.arriveAtMs;
  const scripts: Replay['scripts'] = {};
  const events = new Map<string, ChaosEvent>();
  chosen.forEach((planned, index) => {
    const trail = recorded.trails.find((t) => t.id === planned.id)!;
    // PO numbers get the rerun's numbers; eBay and Amazon order ids come from the plan id and stay.
    const renamed = (subject: string) => subject.replace(/^DL\d+(?=-[WPTA]$)/, poBase('DL', FIRST_DROPSHIP_NUMBER + index));
    for (const { sandbox, kind, method, path, subject, nth } of trail.faults) {
      (scripts[sandbox] ??= []).push({ kind, method, path, subject: subject && renamed(subject), nth });
    }
    for (const event of trail.events) events.set(JSON.stringify(event), { ...event, atMs: Math.max(0, event.atMs - firstArrival) });
  });
  return {
    plan: chosen.map((p) => ({ ...p, arriveAtMs: 0 })),
    scripts,
    events: [...events.values()].sort((a, b) => a.atMs - b.atMs),
  };
}
