import { readFile, readdir } from 'node:fs/promises';

/** Resident memory of a process in MiB, from /proc/<pid>/status (VmRSS); null once it is gone. */
export async function rssMiB(pid: number): Promise<number | null> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => null);
  const kib = status && /^VmRSS:\s+(\d+) kB/m.exec(status)?.[1];
  return kib ? Number(kib) / 1024 : null;
}

/** The process whose command line holds every one of `parts` (the Temporal CLI the SDK started has no pid of its own to hand). */
export async function findPid(parts: string[]): Promise<number | null> {
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const cmdline = await readFile(`/proc/${entry}/cmdline`, 'utf8').catch(() => '');
    const args = cmdline.split('\0');
    if (parts.every((part) => args.includes(part))) return Number(entry);
  }
  return null;
}

/** Peak and last RSS of each named process, sampled every `everyMs` until stopped. */
export function sampleRss(pids: Record<string, number>, everyMs = 2000) {
  const peak: Record<string, number> = {};
  const last: Record<string, number> = {};
  const sample = async () => {
    for (const [name, pid] of Object.entries(pids)) {
      const mib = await rssMiB(pid);
      if (mib === null) continue;
      last[name] = mib;
      peak[name] = Math.max(peak[name] ?? 0, mib);
    }
  };
  void sample();
  const timer = setInterval(() => void sample(), everyMs);
  return {
    peak,
    last,
    async stop() {
      clearInterval(timer);
      await sample();
    },
  };
}

/** Counters the Temporal server exports on its Prometheus `/metrics`, keyed by name and labels as printed. */
export type Counters = Map<string, number>;

export async function scrapeCounters(metricsUrl: string): Promise<Counters> {
  const text = await (await fetch(metricsUrl)).text();
  const counters: Counters = new Map();
  for (const line of text.split('\n')) {
    const match = /^((?:action|service_requests)\{[^}]*\}) ([0-9.e+]+)$/.exec(line);
    if (match) counters.set(match[1]!, Number(match[2]));
  }
  return counters;
}

const label = (key: string, name: string) => new RegExp(`${name}="([^"]*)"`).exec(key)?.[1];

/**
 * What the server did for the `default` namespace between two scrapes, in the terms of a Temporal
 * action: workflow tasks and activity task attempts completed or failed by a worker (an activity retry
 * is an attempt: per-PO polling's waiting shows up here and nowhere in history), signals, and timers
 * started by workflow commands. `actions` is the server's own `action` counter (its metering of billable
 * actions), for comparison.
 */
export function serverWork(before: Counters, after: Counters) {
  const delta = (key: string) => (after.get(key) ?? 0) - (before.get(key) ?? 0);
  const frontend = (operations: string[]) =>
    [...after.keys()]
      .filter(
        (key) =>
          key.startsWith('service_requests{') &&
          label(key, 'namespace') === 'default' &&
          label(key, 'service_name') === 'frontend' &&
          operations.includes(label(key, 'operation') ?? ''),
      )
      .reduce((sum, key) => sum + delta(key), 0);
  const actionKeys = [...after.keys()].filter((key) => key.startsWith('action{') && label(key, 'namespace') === 'default');
  const byType = (type: string) => actionKeys.filter((key) => label(key, 'action_type') === type).reduce((sum, key) => sum + delta(key), 0);
  const work = {
    workflowTasks: frontend(['RespondWorkflowTaskCompleted', 'RespondWorkflowTaskFailed']),
    activityTasks: frontend(['RespondActivityTaskCompleted', 'RespondActivityTaskFailed', 'RespondActivityTaskCanceled']),
    signals: frontend(['SignalWorkflowExecution', 'SignalWithStartWorkflowExecution']),
    timers: byType('command_StartTimer'),
  };
  const actionTypes = Object.fromEntries(
    [...new Set(actionKeys.map((key) => label(key, 'action_type') ?? '?'))].map((type) => [type, byType(type)] as const).filter(([, n]) => n > 0),
  );
  return {
    ...work,
    total: work.workflowTasks + work.activityTasks + work.signals + work.timers,
    actions: Object.values(actionTypes).reduce((sum, n) => sum + n, 0),
    actionTypes,
  };
}

export type ServerWork = ReturnType<typeof serverWork>;

/** The most calls made in any `windowMs` (a window sliding over the call times). */
export function mostInWindow(times: number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  let start = 0;
  for (let end = 0; end < sorted.length; end++) {
    while (sorted[end]! - sorted[start]! >= windowMs) start++;
    most = Math.max(most, end - start + 1);
  }
  return most;
}

/** The q-quantile of `values` (nearest rank); Infinity stands for "not yet". */
export function quantile(values: number[], q: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
}
